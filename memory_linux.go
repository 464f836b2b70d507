//go:build linux

package main

import (
	"bufio"
	"bytes"
	"os"
	"strconv"
	"syscall"
)

// releaseProgramPages gives the kernel back the resident pages of the
// program's own code and read-only data. Most were read once: by the
// initialisation of the packages crieur links (the syntax highlighter's
// lexers, which the Markdown renderer registers; the WhatsApp library's
// protocol descriptors) and by the first frame. They stay in the page
// cache: those the desk uses again come back at their first use, without
// reading the disk. Only the executable's mappings that are never written
// are released (code, read-only data, and not one page of them copied on
// write); the data segment keeps its pages.
func releaseProgramPages() {
	exe, err := os.Readlink("/proc/self/exe")
	if err != nil {
		return
	}
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		return
	}
	type mapping struct {
		start, end uint64
		ours       bool
	}
	var cur mapping
	release := func() {
		if cur.ours && cur.end > cur.start {
			_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, uintptr(cur.start), uintptr(cur.end-cur.start), syscall.MADV_DONTNEED)
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(smaps))
	for sc.Scan() {
		f := bytes.Fields(sc.Bytes())
		if len(f) == 0 {
			continue
		}
		// A mapping's line: 00400000-00a3c000 r-xp 00000000 fd:01 1234 /usr/bin/crieur
		if lo, hi, ok := bytes.Cut(f[0], []byte("-")); ok && len(f) >= 5 {
			release()
			start, err1 := strconv.ParseUint(string(lo), 16, 64)
			end, err2 := strconv.ParseUint(string(hi), 16, 64)
			perms := string(f[1])
			cur = mapping{start: start, end: end,
				ours: err1 == nil && err2 == nil && len(f) >= 6 && string(f[5]) == exe && (perms == "r-xp" || perms == "r--p")}
			continue
		}
		// Its fields: a page written (copied on write) keeps the mapping.
		if string(f[0]) == "Anonymous:" && len(f) >= 2 && string(f[1]) != "0" {
			cur.ours = false
		}
	}
	release()
}
