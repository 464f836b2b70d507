package serve

import (
	"bufio"
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	gossh "golang.org/x/crypto/ssh"
)

// scpUpload sends one file as OpenSSH's scp does in its legacy protocol
// (scp -O): "scp -t TARGET" on the server, then the file's header, its
// bytes and a zero. It returns what the server wrote on stderr, and an
// error when the server refused.
func scpUpload(t *testing.T, c *gossh.Client, target, name string, data []byte) (string, error) {
	t.Helper()
	sess, err := c.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	in, _ := sess.StdinPipe()
	out, _ := sess.StdoutPipe()
	var stderr bytes.Buffer
	sess.Stderr = &stderr
	if err := sess.Start("scp -t " + target); err != nil {
		return "", err
	}
	r := bufio.NewReader(out)
	ack := func() error {
		b, err := r.ReadByte()
		if err != nil {
			return err
		}
		if b != 0 {
			line, _ := r.ReadString('\n')
			return fmt.Errorf("refused: %s", strings.TrimSpace(line))
		}
		return nil
	}
	send := func() error {
		if err := ack(); err != nil {
			return err
		}
		fmt.Fprintf(in, "C0644 %d %s\n", len(data), name)
		if err := ack(); err != nil {
			return err
		}
		in.Write(data)
		in.Write([]byte{0})
		return ack()
	}
	err = send()
	in.Close()
	werr := sess.Wait()
	if err == nil {
		err = werr
	}
	return stderr.String(), err
}

func pngPicture(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func inboxFiles(t *testing.T, tm *team, who string) []os.DirEntry {
	t.Helper()
	entries, err := os.ReadDir(tm.srv.inbox(who))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return entries
}

func TestScpTakesAPictureIntoTheMembersInbox(t *testing.T) {
	tm := startTeam(t, []member{lea, camille}, nil, nil)
	c := tm.client(lea.name)
	pic := pngPicture(t, 40, 30)
	stderr, err := scpUpload(t, c, ".", "photo.png", pic)
	if err != nil {
		t.Fatalf("upload: %v (%s)", err, stderr)
	}
	files := inboxFiles(t, tm, lea.name)
	if len(files) != 1 || !strings.HasSuffix(files[0].Name(), ".png") || files[0].Name() == "photo.png" {
		t.Fatalf("inbox %v", files)
	}
	info, _ := files[0].Info()
	got, _ := os.ReadFile(filepath.Join(tm.srv.inbox(lea.name), files[0].Name()))
	if info.Mode().Perm() != 0o600 || !bytes.Equal(got, pic) {
		t.Errorf("the picture: mode %v, %d bytes", info.Mode(), len(got))
	}
	if !strings.Contains(stderr, files[0].Name()) {
		t.Errorf("the member is not told the picture's name: %q", stderr)
	}
	if len(inboxFiles(t, tm, camille.name)) != 0 {
		t.Error("another member's inbox got the picture")
	}
}

func TestScpRefusesPathsOtherFilesAndAFullInbox(t *testing.T) {
	tm := startTeam(t, []member{lea}, nil, func(o *Options) { o.Quota = 3000 })
	c := tm.client(lea.name)
	pic := pngPicture(t, 40, 30)
	for _, target := range []string{"../x", "/etc", "~/../../x", "a/b"} {
		if _, err := scpUpload(t, c, target, "photo.png", pic); err == nil {
			t.Errorf("target %q was taken", target)
		}
	}
	if _, err := scpUpload(t, c, ".", "notes.txt", []byte("rien d'une image\n")); err == nil {
		t.Error("a text file was taken")
	}
	script := append([]byte("\x89PNG\r\n\x1a\n"), []byte("#!/bin/sh\nrm -rf /\n")...)
	if _, err := scpUpload(t, c, ".", "trap.png", script); err == nil {
		t.Error("a file that only starts like a PNG was taken")
	}
	// The quota (3000 bytes) takes the first picture, not one more.
	big := pngPicture(t, 300, 300)
	if len(big) < 1500 {
		big = append(big, make([]byte, 1500)...) // trailing bytes a PNG reader ignores
	}
	if _, err := scpUpload(t, c, ".", "a.png", big); err != nil {
		t.Fatalf("the first picture: %v", err)
	}
	stderr, err := scpUpload(t, c, ".", "b.png", big)
	if err == nil {
		t.Fatal("a picture over the quota was taken")
	}
	if !strings.Contains(err.Error()+stderr, "pleine") && !strings.Contains(err.Error()+stderr, "full") {
		t.Errorf("over quota: %v %q", err, stderr)
	}
	if n := len(inboxFiles(t, tm, lea.name)); n != 1 {
		t.Errorf("%d files in the inbox, want the first picture only", n)
	}
	log := readLog(t, tm)
	if !strings.Contains(log, "upload") {
		t.Errorf("refused uploads are not logged:\n%s", log)
	}
}
