//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package store

import (
	"os"
	"syscall"
)

// releaseLock drops the lock bbolt took on f when Open fails half way.
// Closing f is not enough: bbolt has mapped the file into memory, and the
// mapping keeps the lock alive until the process ends.
func releaseLock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
