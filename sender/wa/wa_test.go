package wa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"

	"crieur/sender"
)

func TestOpenIsLazy(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "whatsapp")
	c := Open(dir)
	if st := c.State(); st != sender.WANotLinked {
		t.Errorf("state %v", st)
	}
	if a := c.Account(); a != "" {
		t.Errorf("account %q", a)
	}
	if _, err := c.Channels(context.Background()); !errors.Is(err, sender.ErrNotLinked) {
		t.Errorf("channels: %v", err)
	}
	if _, err := c.Publish(context.Background(), "1@newsletter", sender.WAMessage{Text: "x"}); !errors.Is(err, sender.ErrNotLinked) {
		t.Errorf("publish: %v", err)
	}
	if err := c.Connect(context.Background()); !errors.Is(err, sender.ErrNotLinked) {
		t.Errorf("connect: %v", err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the session folder was created: %v", err)
	}
	if err := c.Unlink(context.Background()); err != nil {
		t.Errorf("unlink of nothing: %v", err)
	}
	if SessionDir("/data/crieur/crieur.db") != "/data/crieur/whatsapp" {
		t.Error(SessionDir("/data/crieur/crieur.db"))
	}
}

func TestSessionFilesAndLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "whatsapp")
	ctx := context.Background()
	c := Open(dir)
	if err := c.ensure(ctx); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]os.FileMode{"": 0o700, sessionFile: 0o600, logFile: 0o600, lockFile: 0o600} {
		info, err := os.Stat(filepath.Join(dir, name))
		if err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: %v %v, want %v", name, err, info.Mode().Perm(), want)
		}
	}
	if st := c.State(); st != sender.WANotLinked {
		t.Errorf("state of a session without a device: %v", st)
	}

	// A second crieur on the same session is turned away, nothing sent.
	other := Open(dir)
	if err := other.ensure(ctx); !errors.Is(err, sender.ErrNotConnected) || !strings.Contains(err.Error(), "another crieur") {
		t.Errorf("second session: %v", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}

	// Opened by State: in the background, and it finds no device.
	again := Open(dir)
	defer again.Close()
	if st := again.State(); st != sender.WAConnecting {
		t.Errorf("first state of an existing session: %v", st)
	}
	deadline := time.Now().Add(10 * time.Second)
	for again.State() != sender.WANotLinked && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if st := again.State(); st != sender.WANotLinked {
		t.Errorf("state after opening: %v", st)
	}

	// Unlinking a session without a device deletes it.
	if err := again.Unlink(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("session folder left: %v", err)
	}
}

func TestLoggedOutIsRemembered(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, sessionFile), nil, 0o600)
	os.WriteFile(filepath.Join(dir, loggedOutFile), nil, 0o600)
	c := Open(dir)
	if st := c.State(); st != sender.WALoggedOut {
		t.Errorf("state %v", st)
	}
	if _, err := c.Publish(context.Background(), "1@newsletter", sender.WAMessage{Text: "x"}); !errors.Is(err, sender.ErrLoggedOut) {
		t.Errorf("publish: %v", err)
	}
	if err := c.Unlink(context.Background()); err != nil {
		t.Fatal(err)
	}
	if st := c.State(); st != sender.WANotLinked {
		t.Errorf("state after unlinking %v", st)
	}
}

func TestPhoneNumber(t *testing.T) {
	for in, want := range map[string]string{
		"+33 6 12 34 56 78": "33612345678",
		"0033612345678":     "33612345678",
		"33612345678":       "33612345678",
		"+1 (555) 010-0199": "15550100199",
		"06 12 34 56 78":    "",
		"+33 6 12 a":        "",
		"":                  "",
		"+12345":            "",
		"6+1234567890":      "",
	} {
		got, err := PhoneNumber(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("PhoneNumber(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestInviteCode(t *testing.T) {
	for in, want := range map[string]string{
		"https://whatsapp.com/channel/0029VaAbCd_-12":  "0029VaAbCd_-12",
		"https://www.whatsapp.com/channel/0029VaAbCd/": "0029VaAbCd",
		"whatsapp.com/channel/0029VaAbCd?utm_source=x": "0029VaAbCd",
		"  0029VaAbCd  ":                         "0029VaAbCd",
		"https://example.org/channel/0029VaAbCd": "",
		"https://whatsapp.com/channel/":          "",
		"https://whatsapp.com/channel/a/b":       "",
		"https://chat.whatsapp.com/Invite":       "",
		"0029 VaAbCd":                            "",
		"":                                       "",
		"https://whatsapp.com/channel/0029VaAbCd#fragment": "0029VaAbCd",
	} {
		got, err := InviteCode(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("InviteCode(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestSendErrorMeaning(t *testing.T) {
	for _, c := range []struct {
		err  error
		want error
	}{
		{whatsmeow.ErrNotLoggedIn, sender.ErrNotLinked},
		{fmt.Errorf("failed to send message node: %w", whatsmeow.ErrNotConnected), sender.ErrNotConnected},
		{whatsmeow.ErrNotConnected, sender.ErrNoAck}, // bare: the retry after a drop
		{&whatsmeow.DisconnectedError{Action: "message send"}, sender.ErrNoAck},
		{whatsmeow.ErrMessageTimedOut, sender.ErrNoAck},
		{context.DeadlineExceeded, sender.ErrNoAck},
		{fmt.Errorf("%w 479", whatsmeow.ErrServerReturnedError), sender.ErrRejected},
		{errors.New("something else"), sender.ErrNoAck},
		{sender.ErrLoggedOut, sender.ErrLoggedOut},
		{fmt.Errorf("%w: busy", sender.ErrNotConnected), sender.ErrNotConnected},
	} {
		if got := sendError(c.err); !errors.Is(got, c.want) {
			t.Errorf("sendError(%v) = %v, want %v", c.err, got, c.want)
		}
	}
	if sendError(nil) != nil {
		t.Error("nil is an error")
	}
	if err := requestError("list", &whatsmeow.DisconnectedError{}); !errors.Is(err, sender.ErrNotConnected) {
		t.Errorf("requestError: %v", err)
	}
	if err := requestError("list", whatsmeow.ErrNotLoggedIn); !errors.Is(err, sender.ErrNotLinked) {
		t.Errorf("requestError: %v", err)
	}
}

func TestStatsRuns(t *testing.T) {
	runs := statsRuns([]int64{101, 350, 105, 120, 0, 349, 240}, 100)
	var got [][3]int64
	for _, r := range runs {
		got = append(got, [3]int64{r.oldest, r.newest, int64(len(r.wanted))})
	}
	want := [][3]int64{{349, 350, 2}, {240, 240, 1}, {101, 120, 3}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("runs %v, want %v", got, want)
	}
	for _, r := range runs {
		if r.newest-r.oldest >= 100 {
			t.Errorf("run too long: %+v", r)
		}
	}
}

func TestMessageOf(t *testing.T) {
	text := messageOf(sender.WAMessage{Text: "Bonjour"})
	if text.GetExtendedTextMessage().GetText() != "Bonjour" || text.GetExtendedTextMessage().GetMatchedText() != "" {
		t.Errorf("text %v", text)
	}
	card := messageOf(sender.WAMessage{Text: "Marché\n\nhttps://valbourg.fr/m", LinkURL: "https://valbourg.fr/m",
		Title: "Le marché", Description: "valbourg.fr", Thumbnail: []byte{0xff, 0xd8}})
	e := card.GetExtendedTextMessage()
	if e.GetMatchedText() != "https://valbourg.fr/m" || e.GetTitle() != "Le marché" || e.GetDescription() != "valbourg.fr" ||
		!bytes.Equal(e.GetJPEGThumbnail(), []byte{0xff, 0xd8}) {
		t.Errorf("card %v", e)
	}
	var buf bytes.Buffer
	png.Encode(&buf, image.NewRGBA(image.Rect(0, 0, 40, 30)))
	photo := messageOf(sender.WAMessage{Text: "Légende", Image: buf.Bytes(), ImageType: "image/png", Alt: "Une place"})
	img := photo.GetImageMessage()
	if img.GetCaption() != "Légende" || img.GetMimetype() != "image/png" || img.GetWidth() != 40 || img.GetHeight() != 30 ||
		img.GetAccessibilityLabel() != "Une place" || photo.GetExtendedTextMessage() != nil {
		t.Errorf("photo %v", img)
	}
}

func TestLogStaysInItsFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), logFile)
	os.WriteFile(path, bytes.Repeat([]byte("x"), logKeep+1), 0o600)
	l := openLog(path)
	sub := l.Sub("Client").Sub("Socket")
	sub.Infof("not kept %d", 1)
	sub.Debugf("not kept")
	sub.Warnf("kept %d", 2)
	l.Errorf("kept too")
	l.Close()
	l.Warnf("after closing")
	data, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "WARN [Client/Socket] kept 2") || !strings.Contains(lines[1], "ERROR [] kept too") {
		t.Errorf("log %q", data)
	}
}
