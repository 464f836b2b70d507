package picture

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"crieur/internal/safefile"
)

// ReadTimeout is how long Read waits for a file: a picture on a local
// disk takes milliseconds, one on a mount that hangs never comes.
const ReadTimeout = 5 * time.Second

// Read takes the picture at path: a regular file (a link to one is
// followed) whose content is a JPEG or PNG within the limits. A path that
// starts with ~/ is in the home folder. Folders, devices, FIFOs and
// sockets are refused before a byte is read, at most MaxBytes are read,
// and a file that does not answer within ReadTimeout (or before ctx ends)
// is given up, its read left to finish on its own: the caller is never
// held.
func Read(ctx context.Context, path string) ([]byte, Info, error) {
	return readWith(ctx, path, func(path string) (*os.File, error) {
		f, _, err := safefile.Open(path)
		return f, err
	})
}

func readWith(ctx context.Context, path string, open func(string) (*os.File, error)) ([]byte, Info, error) {
	ctx, cancel := context.WithTimeout(ctx, ReadTimeout)
	defer cancel()
	type result struct {
		b    []byte
		info Info
		err  error
	}
	done := make(chan result, 1)
	go func() {
		b, info, err := read(path, open)
		done <- result{b, info, err}
	}()
	select {
	case r := <-done:
		return r.b, r.info, r.err
	case <-ctx.Done():
		return nil, Info{}, refuse(Slow, "%v", context.Cause(ctx))
	}
}

// Resolve is the file a path names: ~/ is the home folder.
func Resolve(path string) string {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, rest)
		}
	}
	return path
}

func read(path string, open func(string) (*os.File, error)) ([]byte, Info, error) {
	f, err := open(Resolve(path))
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, Info{}, &Error{Problem: Missing}
	case errors.Is(err, safefile.ErrNotRegular):
		return nil, Info{}, refuse(NotFile, "%v", unwrapPath(err))
	case err != nil:
		return nil, Info{}, refuse(Unreadable, "%v", unwrapPath(err))
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, Info{}, refuse(Unreadable, "%v", unwrapPath(err))
	}
	if !st.Mode().IsRegular() {
		return nil, Info{}, refuse(NotFile, "%s", safefile.Kind(st.Mode()))
	}
	if st.Size() > MaxBytes {
		return nil, Info{}, refuse(TooLarge, "%d bytes", st.Size())
	}
	b, err := io.ReadAll(io.LimitReader(f, MaxBytes+1))
	if err != nil {
		return nil, Info{}, refuse(Unreadable, "%v", unwrapPath(err))
	}
	info, err := Sniff(b)
	if err != nil {
		return nil, Info{}, err
	}
	return b, info, nil
}

// unwrapPath drops the path an *fs.PathError repeats: the caller names
// the picture.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
