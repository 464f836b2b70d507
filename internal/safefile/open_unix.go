//go:build unix

package safefile

import (
	"os"
	"syscall"
)

// openNonBlocking opens path for reading without waiting for a writer:
// a FIFO would otherwise hold the open until one comes. Reads from a
// regular file are not changed by the flag.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
