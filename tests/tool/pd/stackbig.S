// stack.S asking for a stack larger than the tool allows.
#define STACK_SIZE 0x2000000
#include "stack.S"
