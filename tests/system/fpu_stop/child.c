#include "check.h"

void
init(void)
{
    unsigned long fcsr = 0x5f;
    register double keep = 2.5;

    __asm__ volatile("fscsr %0" ::"r"(fcsr));
    __asm__ volatile("" : "+f"(keep));
    microkit_notify(0); // the parent runs now: it stops and resumes us
    __asm__ volatile("" : "+f"(keep));
    __asm__ volatile("frcsr %0" : "=r"(fcsr));
    CHECK_EQ("fcsr kept across stop and resume", fcsr, 0x5f);
    CHECK_EQ("FP register kept across stop and resume", (long)(keep * 2), 5);
    check_done();
}

void
notified(microkit_channel ch)
{
    (void)ch;
}
