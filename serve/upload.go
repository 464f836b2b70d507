package serve

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the pictures a post may carry
	_ "image/png"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"charm.land/ssh"
	"charm.land/wish/v2/scp"

	"crieur/ui/i18n"
)

// Pictures over SSH: "scp -O photo.jpg desk:" puts a picture in the
// member's own inbox beside the data file, under a name the server
// chooses; the editor of that member's sessions picks from there. Nothing
// can be read back, no folder made, no other place written.

// inbox is a member's picture folder.
func (s *Server) inbox(member string) string {
	return filepath.Join(filepath.Dir(s.opts.Store.Path()), "inbox", inboxName(member))
}

// inboxName is a member's folder name: their name in plain letters, and a
// short hash of it so that two names never share a folder.
func inboxName(member string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(member) {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
	}
	sum := sha256.Sum256([]byte(member))
	return strings.Trim(b.String(), "-") + "-" + hex.EncodeToString(sum[:3])
}

// uploads is the scp handler: write-only, pictures only.
type uploads struct{ s *Server }

// errRefused is an upload refused, with the line that says why.
type errRefused struct{ line string }

func (e errRefused) Error() string { return e.line + "\r\n" }

// Mkdir refuses folders: one picture at a time.
func (u uploads) Mkdir(sess ssh.Session, d *scp.DirEntry) error {
	return u.refuse(sess, "BadName", d.Name)
}

// Write takes one picture into the member's inbox.
func (u uploads) Write(sess ssh.Session, f *scp.FileEntry) (int64, error) {
	s := u.s
	m, ok := s.memberOf(sess)
	if !ok {
		return 0, errRefused{s.text(s.confNow(), "").Team.MsgRemoved}
	}
	t := s.text(s.confNow(), language(sess.Environ(), m, s.confNow())).Team
	if !plainTarget(scp.GetInfo(sess.Command()).Path) || !plainTarget(f.Name) {
		return 0, u.refuse(sess, "BadName", f.Filepath)
	}
	if f.Size > s.opts.UploadLimit {
		return 0, u.refuse(sess, "TooBig", f.Name, size(t, s.opts.UploadLimit))
	}
	dir := s.inbox(m.Name)
	used, err := folderSize(dir)
	if err != nil {
		return 0, err
	}
	if used+f.Size > s.opts.Quota {
		return 0, u.refuse(sess, "Quota", size(t, s.opts.Quota))
	}
	data, err := io.ReadAll(io.LimitReader(f.Reader, s.opts.UploadLimit+1))
	if err != nil {
		return 0, err
	}
	if int64(len(data)) > s.opts.UploadLimit {
		return 0, u.refuse(sess, "TooBig", f.Name, size(t, s.opts.UploadLimit))
	}
	ext, ok := pictureKind(data)
	if !ok {
		return 0, u.refuse(sess, "NotImage", f.Name)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, err
	}
	name := s.opts.Now().Format("2006-01-02-150405") + "-" + randomPart() + ext
	if err := writeNew(filepath.Join(dir, name), data); err != nil {
		return 0, err
	}
	s.log.printf("%s from %s: picture %s received (%d bytes)", m.Name, sess.RemoteAddr(), name, len(data))
	fmt.Fprintf(sess.Stderr(), t.Received+"\r\n", name, size(t, int64(len(data))))
	return int64(len(data)), nil
}

// refuse logs a refused upload and words it in the member's language.
func (u uploads) refuse(sess ssh.Session, what string, args ...any) error {
	s := u.s
	m, _ := s.memberOf(sess)
	conf := s.confNow()
	t := s.text(conf, language(sess.Environ(), m, conf)).Team
	format := map[string]string{"BadName": t.BadName, "TooBig": t.TooBig, "Quota": t.Quota, "NotImage": t.NotImage}[what]
	line := fmt.Sprintf(format, args...)
	s.log.printf("refused %s from %s: upload: %s", m.Name, sess.RemoteAddr(), line)
	return errRefused{line}
}

// plainTarget is a target scp may name: the inbox itself, or a bare file
// name (the server chooses the name anyway); never a folder, a path up,
// or a path from the root.
func plainTarget(p string) bool {
	switch p {
	case "", ".", "~", "~/":
		return true
	}
	return p != ".." && !strings.ContainsAny(p, `/\`) && !strings.HasPrefix(p, "~") && strings.IndexFunc(p, unicode.IsControl) < 0
}

// pictureKind is the extension of a JPEG or PNG picture, told by its
// content and checked by decoding its header; ok is false for anything
// else.
func pictureKind(data []byte) (string, bool) {
	ext := map[string]string{"image/jpeg": ".jpg", "image/png": ".png"}[http.DetectContentType(data)]
	if ext == "" {
		return "", false
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || (format != "jpeg" && format != "png") || cfg.Width <= 0 || cfg.Height <= 0 ||
		cfg.Width > 12000 || cfg.Height > 12000 {
		return "", false
	}
	return ext, true
}

// folderSize adds up the sizes of the files in dir; a folder not made yet
// holds nothing.
func folderSize(dir string) (int64, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n int64
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
	}
	return n, nil
}

// writeNew writes a file that must not exist yet, owner-only, and syncs it.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

func randomPart() string {
	var b [3]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// size words a number of bytes in the member's language.
func size(t i18n.TeamText, n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf(t.MegaBytes, n>>20)
	case n >= 1<<10:
		return fmt.Sprintf(t.KiloBytes, n>>10)
	}
	return fmt.Sprintf(t.Bytes, n)
}
