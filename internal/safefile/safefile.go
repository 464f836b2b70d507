// Package safefile opens the files a person names for crieur to read (an
// import, a post to preview, a picture) without ever waiting on one that
// is not a plain file: a FIFO nobody writes to, a device such as
// /dev/zero, a folder or a socket is refused before a byte is read.
package safefile

import (
	"errors"
	"io/fs"
	"os"
)

// ErrNotRegular marks a path that is not a regular file; its error says
// what it is instead.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading when it is a regular file (a link to one is
// followed), and returns it with its information.
func Open(path string) (*os.File, fs.FileInfo, error) {
	f, err := openNonBlocking(path)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, &fs.PathError{Op: "open", Path: path, Err: &NotRegularError{Mode: info.Mode()}}
	}
	return f, info, nil
}

// NotRegularError is a path that is not a regular file: Mode says what
// it is. It is ErrNotRegular.
type NotRegularError struct{ Mode fs.FileMode }

func (e *NotRegularError) Error() string { return ErrNotRegular.Error() + ": " + Kind(e.Mode) }

func (e *NotRegularError) Is(target error) bool { return target == ErrNotRegular }

// KindName names what a file that is not regular is, as a word a
// catalogue translates: folder, fifo, socket, device or other.
func KindName(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "folder"
	case m&fs.ModeNamedPipe != 0:
		return "fifo"
	case m&fs.ModeSocket != 0:
		return "socket"
	case m&fs.ModeDevice != 0:
		return "device"
	}
	return "other"
}

// Kind says what a file that is not regular is, in English.
func Kind(m fs.FileMode) string { return kindText[KindName(m)] }

var kindText = map[string]string{
	"folder": "a folder",
	"fifo":   "a FIFO",
	"socket": "a socket",
	"device": "a device",
	"other":  "not a regular file",
}
