// The passive server of rust_api: see client.rs.
#![no_std]
#![no_main]

use sel4_microkit::{
    get_mr, protection_domain, with_msg_bytes_mut, with_msg_regs, with_msg_regs_mut, Channel,
    DeferredAction, DeferredActionSlot, Handler, Infallible, MessageInfo,
};

const CLIENT: Channel = Channel::new(7);
const CLIENT2: Channel = Channel::new(8);

#[protection_domain]
fn init() -> impl Handler {
    Server { deferred: DeferredActionSlot::new() }
}

struct Server {
    deferred: DeferredActionSlot,
}

impl Handler for Server {
    type Error = Infallible;

    fn protected(&mut self, channel: Channel, msg_info: MessageInfo) -> Result<MessageInfo, Self::Error> {
        Ok(match msg_info.label() {
            // Reverse MR 0..n-1; the label of the reply is the channel's id.
            1 => {
                let n = msg_info.count();
                let mut v = [0u64; 16];
                with_msg_regs(|mrs| v[..n].copy_from_slice(&mrs[..n]));
                with_msg_regs_mut(|mrs| {
                    for i in 0..n {
                        mrs[i] = v[n - 1 - i];
                    }
                });
                MessageInfo::new(channel.index() as u64, n)
            }
            // Who the server is: pd_is_passive() in MR 0, pd_name() from byte 8.
            2 => {
                let name = sel4_microkit::pd_name().unwrap();
                with_msg_regs_mut(|mrs| mrs[0] = sel4_microkit::pd_is_passive() as u64);
                with_msg_bytes_mut(|b| {
                    b[8..8 + name.len()].copy_from_slice(name.as_bytes());
                    b[8 + name.len()] = 0;
                });
                MessageInfo::new(2, 3)
            }
            // Notify the client with the reply (a deferred action, on 7); MR 0
            // = 1 defers one on 8 first, which the second defer performs at once.
            3 => {
                if get_mr(0) == 1 {
                    self.deferred.defer_notify(CLIENT2).unwrap();
                }
                self.deferred.defer(DeferredAction::new_notify(CLIENT)).unwrap();
                MessageInfo::new(3, 0)
            }
            _ => MessageInfo::default(),
        })
    }

    fn take_deferred_action(&mut self) -> Option<DeferredAction> {
        self.deferred.take()
    }
}
