package picture

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"crieur/picture/picturetest"
)

func TestReadTakesOnlyPictures(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return path
	}
	fifo := filepath.Join(dir, "fifo.jpg")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	zeroLink := filepath.Join(dir, "zero.jpg")
	if err := os.Symlink("/dev/zero", zeroLink); err != nil {
		t.Fatal(err)
	}
	photo := write("photo.jpg", picturetest.JPEG(t, 40, 30))
	var gifBytes bytes.Buffer
	if err := gif.Encode(&gifBytes, image.NewPaletted(image.Rect(0, 0, 4, 4), color.Palette{color.White, color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, path string
		want       Problem
		info       Info
	}{
		{"a JPEG", photo, "", Info{JPEG, 40, 30}},
		{"a PNG named .jpg", write("logo.jpg", picturetest.PNG(t, 12, 8)), "", Info{PNG, 12, 8}},
		{"a JPEG named .png", write("photo.png", picturetest.JPEG(t, 8, 8)), "", Info{JPEG, 8, 8}},
		{"a link to a JPEG", link(t, dir, "link.jpg", photo), "", Info{JPEG, 40, 30}},
		{"a text file", write("passwd", []byte("root:x:0:0:root:/root:/bin/bash\n")), NotPicture, Info{}},
		{"/etc/passwd", "/etc/passwd", NotPicture, Info{}},
		{"a private key", write("id_ed25519", []byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n")), NotPicture, Info{}},
		{"an empty file", write("empty.jpg", nil), NotPicture, Info{}},
		{"a GIF", write("anim.gif", gifBytes.Bytes()), NotPicture, Info{}},
		{"a JPEG cut after its signature", write("cut.jpg", []byte("\xff\xd8\xff\xe0\x00")), Damaged, Info{}},
		{"more than 5 MB", write("big.jpg", append(picturetest.JPEG(t, 8, 8), make([]byte, MaxBytes)...)), TooLarge, Info{}},
		{"a PNG of 7000×7000 in a few bytes", write("huge.png", picturetest.PNGHeader(7000, 8000)), TooBig, Info{}},
		{"a JPEG of 10000×10000 in a few bytes", write("huge.jpg", picturetest.JPEGHeader(t, 10000, 10000)), TooBig, Info{}},
		{"a folder", dir, NotFile, Info{}},
		{"/dev/zero", "/dev/zero", NotFile, Info{}},
		{"a link to /dev/zero", zeroLink, NotFile, Info{}},
		{"a FIFO nobody writes to", fifo, NotFile, Info{}},
		{"no such file", filepath.Join(dir, "absent.jpg"), Missing, Info{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			b, info, err := Read(context.Background(), c.path)
			if took := time.Since(start); took > ReadTimeout {
				t.Errorf("took %v", took)
			}
			if got := ProblemOf(err); got != c.want || (c.want != "" && err == nil) {
				t.Fatalf("Read(%s) = %v (problem %q), want problem %q", c.path, err, got, c.want)
			}
			if c.want == "" && (info != c.info || len(b) == 0) {
				t.Errorf("Read(%s) = %d bytes, %+v; want %+v", c.path, len(b), info, c.info)
			}
			if c.want != "" && b != nil {
				t.Errorf("a refused picture came with %d bytes", len(b))
			}
		})
	}
}

func TestReadGivesUpOnAFileThatHangs(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	hang := func(string) (*os.File, error) { <-release; return nil, errors.New("released") }
	_, _, err := readWith(ctx, "/mnt/hung/photo.jpg", hang)
	if ProblemOf(err) != Slow {
		t.Fatalf("a hung open: %v, want %q", err, Slow)
	}
}

func TestReadIsUnreadableWithoutPermission(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any file")
	}
	path := filepath.Join(t.TempDir(), "secret.jpg")
	if err := os.WriteFile(path, picturetest.JPEG(t, 4, 4), 0o000); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Read(context.Background(), path); ProblemOf(err) != Unreadable {
		t.Fatalf("a file without permission: %v", err)
	}
}

func TestResolveHome(t *testing.T) {
	t.Setenv("HOME", "/home/camille")
	for in, want := range map[string]string{
		"~/Images/a.jpg": "/home/camille/Images/a.jpg",
		"~camille/a.jpg": "~camille/a.jpg",
		"images/a.jpg":   "images/a.jpg",
		"/tmp/~/a.jpg":   "/tmp/~/a.jpg",
	} {
		if got := Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecodeRefusesBeforeDecoding(t *testing.T) {
	small := Bound{Pixels: 1 << 20, Bytes: 4 << 20}
	if _, err := Decode(picturetest.JPEG(t, 64, 48), small); err != nil {
		t.Fatalf("a small JPEG: %v", err)
	}
	cases := map[string][]byte{
		"a PNG header of 7000×7000":  picturetest.PNGHeader(7000, 7000),
		"a JPEG header of 4000×4000": picturetest.JPEGHeader(t, 4000, 4000),
	}
	for name, b := range cases {
		if _, err := Decode(b, small); ProblemOf(err) != TooBig {
			t.Errorf("%s: %v, want %q", name, err, TooBig)
		}
	}
	// Within the pixels, but not within the memory: a 16-bit PNG takes
	// eight bytes a pixel.
	if _, err := Decode(png16(t, 1000, 600), Bound{Pixels: 1 << 20, Bytes: 4 << 20}); ProblemOf(err) != TooBig {
		t.Errorf("a 16-bit PNG over the memory bound: %v", err)
	}
	if _, err := Decode([]byte("GIF89a"), small); ProblemOf(err) != NotPicture {
		t.Errorf("a GIF: %v", err)
	}
}

func TestDecodeAllocatesNothingForAHugeHeader(t *testing.T) {
	b := picturetest.PNGHeader(7000, 7000)
	allocs := testing.AllocsPerRun(5, func() { _, _ = Decode(b, Bound{Pixels: 16 << 20, Bytes: 64 << 20}) })
	if allocs > 50 {
		t.Errorf("refusing a 49-megapixel header took %.0f allocations", allocs)
	}
}

func link(t *testing.T, dir, name, target string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
	return path
}

func png16(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewNRGBA64(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
