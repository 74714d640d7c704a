set pagination off
set confirm off
set width 0
moat-break notified client
moat-break protected server
continue
echo ==client-bt\n
bt
echo ==client-ch\n
print ch
continue
echo ==server-bt\n
bt
echo ==server-ch\n
print ch
next
echo ==server-next\n
info line *$pc
echo ==pds\n
moat-pds
echo ==kernel-var\n
moat-kernel print cpus[0].cur->name
echo ==trace\n
moat-trace
delete
echo ==end\n
continue
