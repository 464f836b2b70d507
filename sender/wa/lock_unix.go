//go:build unix

package wa

import (
	"os"
	"syscall"
)

// lockFileNow takes an exclusive lock on f, or fails at once when another
// process holds it.
func lockFileNow(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
}

func unlockFile(f *os.File) error {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}
