//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package store

import "os"

// releaseLock has nothing to do where bbolt does not lock with flock.
func releaseLock(*os.File) {}
