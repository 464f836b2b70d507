package store

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releasePages tells the kernel that the process is done, for now, with
// the pages of the file it has read. bbolt maps the file read-only and
// shared, so the pages stay in the page cache and come back, unchanged, on
// the next read; meanwhile they no longer count in the desk's resident
// memory. Reading the backlog touches every summary page, and the kernel
// maps the cached pages around each one with it: tens of megabytes with
// 100,000 posts. It runs inside a transaction, which keeps bbolt from
// remapping the file meanwhile.
func releasePages(tx *bolt.Tx) {
	data := tx.DB().Info().Data
	size := uintptr(tx.Size())
	if data == 0 || size == 0 {
		return
	}
	_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, data, size, syscall.MADV_DONTNEED)
}
