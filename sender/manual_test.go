package sender

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/atotto/clipboard"
)

// fakeClipboard keeps what it was given, or fails.
type fakeClipboard struct {
	got string
	err error
}

func (c *fakeClipboard) Copy(text string) error {
	if c.err != nil {
		return c.err
	}
	c.got = text
	return nil
}

func TestManualSend(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	// 23:30 UTC is already the next day in Paris: the file is dated locally.
	at := time.Date(2026, 11, 19, 23, 30, 0, 0, time.UTC).In(paris)
	outbox := filepath.Join(t.TempDir(), "outbox")
	clip := &fakeClipboard{}
	m := NewManual(outbox, clip, WithClock(func() time.Time { return at }))
	d := hookDelivery()

	receipt, err := m.Send(context.Background(), d)
	if !errors.Is(err, ErrToPaste) {
		t.Fatalf("err = %v, want ErrToPaste", err)
	}
	wantOutcome(t, err, ToPaste, false)
	want := filepath.Join(outbox, "2026-11-20-01JD3POST-01JD3SEND.txt")
	if receipt.Outbox != want || receipt.RemoteID != "" || !receipt.At.Equal(at) || !receipt.Copied || receipt.NotCopied != "" {
		t.Errorf("receipt = %+v, want the file %s", receipt, want)
	}
	got, err := os.ReadFile(want)
	if err != nil || string(got) != d.Message.Text {
		t.Errorf("outbox file %q, %v", got, err)
	}
	if clip.got != d.Message.Text {
		t.Errorf("clipboard got %q", clip.got)
	}
	if runtime.GOOS != "windows" {
		info, _ := os.Stat(want)
		if perm := info.Mode().Perm(); perm != 0o600 {
			t.Errorf("file mode %04o, want 0600", perm)
		}
		dir, _ := os.Stat(outbox)
		if perm := dir.Mode().Perm(); perm != 0o700 {
			t.Errorf("outbox mode %04o, want 0700", perm)
		}
	}
	entries, _ := os.ReadDir(outbox)
	if len(entries) != 1 {
		t.Errorf("outbox holds %d files, want 1 (no temporary left)", len(entries))
	}

	// Sending again replaces the file whole.
	d.Message.Text = "court"
	if _, err := m.Send(context.Background(), d); !errors.Is(err, ErrToPaste) {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(want); string(got) != "court" {
		t.Errorf("after a second send the file holds %q", got)
	}
}

func TestManualClipboardFailureIsNotFatal(t *testing.T) {
	outbox := t.TempDir()
	m := NewManual(outbox, &fakeClipboard{err: ErrNoClipboard})
	receipt, err := m.Send(context.Background(), hookDelivery())
	if !errors.Is(err, ErrToPaste) {
		t.Fatalf("err = %v", err)
	}
	wantOutcome(t, err, ToPaste, false)
	if receipt.Copied || !strings.Contains(receipt.NotCopied, ErrNoClipboard.Error()) {
		t.Errorf("receipt %+v should say the text was not copied, and why", receipt)
	}
	if _, statErr := os.Stat(receipt.Outbox); statErr != nil {
		t.Error(statErr)
	}

	// With no clipboard to try, nothing was copied and nothing failed.
	receipt, _ = NewManual(outbox, nil).Send(context.Background(), hookDelivery())
	if receipt.Copied || receipt.NotCopied != "" {
		t.Errorf("receipt without a clipboard %+v", receipt)
	}
}

func TestManualOutboxUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "not-a-dir")
	os.WriteFile(file, nil, 0o600)
	_, err := NewManual(file, nil).Send(context.Background(), hookDelivery())
	wantOutcome(t, err, NotSent, false)
}

func TestManualFileNameIsSafe(t *testing.T) {
	outbox := t.TempDir()
	d := hookDelivery()
	d.PostID, d.SendID = "../../etc/passwd", ""
	receipt, _ := NewManual(outbox, nil).Send(context.Background(), d)
	if filepath.Dir(receipt.Outbox) != outbox || !strings.HasSuffix(receipt.Outbox, "-______etc_passwd-none.txt") {
		t.Errorf("file %q", receipt.Outbox)
	}
}

func TestOSC52(t *testing.T) {
	text := "Le *marché* 🎄\nhttps://www.valbourg.fr/marche"
	var term bytes.Buffer
	if err := (OSC52{Out: &term}).Copy(text); err != nil {
		t.Fatal(err)
	}
	seq := term.String()
	if !strings.HasPrefix(seq, "\x1b]52;c;") || !strings.HasSuffix(seq, "\a") {
		t.Fatalf("sequence %q", seq)
	}
	decoded, err := base64.StdEncoding.DecodeString(strings.TrimSuffix(strings.TrimPrefix(seq, "\x1b]52;c;"), "\a"))
	if err != nil || string(decoded) != text {
		t.Errorf("decodes to %q, %v", decoded, err)
	}
	if (OSC52{}).Sequence(text) != seq {
		t.Error("Sequence and Copy differ")
	}
	if err := (OSC52{}).Copy(text); err == nil {
		t.Error("OSC 52 without a terminal should fail")
	}
}

func TestClipboards(t *testing.T) {
	good, bad := &fakeClipboard{}, &fakeClipboard{err: errors.New("no display")}
	if err := (Clipboards{bad, good}).Copy("x"); err != nil || good.got != "x" {
		t.Errorf("one working clipboard is enough: %v", err)
	}
	other := &fakeClipboard{}
	if err := (Clipboards{good, other}).Copy("y"); err != nil || good.got != "y" || other.got != "y" {
		t.Error("every clipboard gets the text")
	}
	if err := (Clipboards{bad, bad}).Copy("x"); err == nil {
		t.Error("no working clipboard should fail")
	}
	if err := (Clipboards{}).Copy("x"); err == nil {
		t.Error("no clipboard should fail")
	}
}

// The system clipboard is not touched by the tests; only its absence is.
func TestSystemClipboardAbsent(t *testing.T) {
	if !clipboard.Unsupported {
		t.Skip("this machine has a clipboard; the tests leave it alone")
	}
	if err := (SystemClipboard{}).Copy("x"); !errors.Is(err, ErrNoClipboard) {
		t.Errorf("err = %v", err)
	}
}
