package main

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"syscall"
)

// A socket's path may hold at most 107 bytes; a data file deep in a home
// folder may be further. The folder is then reached through the process's
// own descriptor of it, /proc/self/fd/N/, which is short.

func listenUnix(path string) (net.Listener, error) {
	var l net.Listener
	err := shortPath(path, func(p string) (err error) {
		l, err = net.Listen("unix", p)
		return err
	})
	return l, err
}

func dialUnix(path string) (net.Conn, error) {
	var c net.Conn
	err := shortPath(path, func(p string) (err error) {
		c, err = net.DialTimeout("unix", p, dialTimeout)
		return err
	})
	return c, err
}

func shortPath(path string, fn func(string) error) error {
	if len(path) < 100 {
		return fn(path)
	}
	dir, err := os.Open(filepath.Dir(path))
	if err != nil {
		return err
	}
	defer dir.Close()
	return fn(fmt.Sprintf("/proc/self/fd/%d/%s", dir.Fd(), filepath.Base(path)))
}

// samePerson says whether the process at the other end of a connection
// runs as this one's user: the socket is owner-only, and this says so
// again whatever its folder's rights.
func samePerson(conn net.Conn) bool {
	uc, ok := conn.(*net.UnixConn)
	if !ok {
		return false
	}
	raw, err := uc.SyscallConn()
	if err != nil {
		return false
	}
	var cred *syscall.Ucred
	var credErr error
	if err := raw.Control(func(fd uintptr) {
		cred, credErr = syscall.GetsockoptUcred(int(fd), syscall.SOL_SOCKET, syscall.SO_PEERCRED)
	}); err != nil || credErr != nil {
		return false
	}
	return int(cred.Uid) == os.Getuid()
}
