package main

import (
	"time"

	"golang.org/x/sys/unix"
)

// awaitRead waits, for exitTimeout at most, until the desk has read every
// byte typed into its terminal. The caller holds term.keys, which keeps
// the desk's side of the terminal open.
func (term *terminal) awaitRead() {
	deadline := time.Now().Add(exitTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-term.gone:
			return
		default:
		}
		n, err := unix.IoctlGetInt(int(term.tty.Fd()), unix.TIOCINQ)
		if err != nil || n == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
}
