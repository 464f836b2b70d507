package ui

import (
	"errors"
	"strings"
	"testing"

	"crieur/sender"
	"crieur/store"
)

// clip is a system clipboard that takes the text, or fails.
type clip struct {
	got string
	err error
}

func (c *clip) Copy(text string) error {
	if c.err != nil {
		return c.err
	}
	c.got = text
	return nil
}

// pasteModel is the desk once "Collecte des déchets décalée" was sent now
// by copy and paste: its text waits to be pasted.
func pasteModel(t *testing.T) Model {
	t.Helper()
	m := weekModel(t)
	m = press(t, m, "G", "U")
	m = typeText(t, m, "Storm")
	m = press(t, m, "enter")
	if len(m.pendingSends) != 1 || m.screen != screenPending {
		t.Fatalf("the urgent send should wait to be pasted, its text shown: %d sends, screen %d", len(m.pendingSends), m.screen)
	}
	return press(t, m, "esc")
}

// A text to paste is counted on every screen's title line, which names
// the key that lists it; the list shows the exact text, its file, and
// where it was copied, and settles it.
func TestTheSendsToSettle(t *testing.T) {
	m := pasteModel(t)
	for _, keys := range [][]string{nil, {"w"}, {"esc", "p"}} {
		m = press(t, m, keys...)
		if s := screenText(m); !strings.Contains(strings.SplitN(s, "\n", 2)[0], "1 send to settle (!)") {
			t.Errorf("the title line does not count the send to settle:\n%s", s)
		}
	}
	m = press(t, m, "esc", "!")
	s := screenText(m)
	p := mustPost(t, m, "Collecte des déchets décalée")
	text := sender.Build(p, m.settings).Text
	outbox := m.pendingSends[0].Last().Outbox
	for _, want := range []string{"Sends to settle", "to paste", "manual", "Text to paste, as it is:", "*jeudi*", "urgent: Storm"} {
		if !strings.Contains(s, want) {
			t.Errorf("the list lacks %q:\n%s", want, s)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(s), ""), strings.Join(strings.Fields(outbox), "")) || outbox == "" {
		t.Errorf("the list should name the file %q:\n%s", outbox, s)
	}

	// Copied again: the terminal only, said as it is; then the system's
	// clipboard too.
	m = press(t, m, "c")
	if !strings.Contains(m.message, "sent to the terminal (OSC 52)") || !strings.Contains(m.message, "no system clipboard here") {
		t.Errorf("without a system clipboard: %q", m.message)
	}
	c := &clip{}
	m.clipboard = c
	m = press(t, m, "c")
	if c.got != text || !strings.Contains(m.message, "copied to the system clipboard and sent to the terminal") {
		t.Errorf("with a system clipboard (%q): %q", c.got, m.message)
	}
	m.clipboard = &clip{err: errors.New("xclip: Can't open display")}
	m = press(t, m, "c")
	if !strings.Contains(m.message, "(xclip: Can't open display)") {
		t.Errorf("a clipboard that failed should say why: %q", m.message)
	}

	m = press(t, m, "m")
	if got := mustPost(t, m, p.Title); got.Status != store.StatusSent || len(m.pendingSends) != 0 {
		t.Fatalf("m should settle it as posted: %s, %d left", got.Status, len(m.pendingSends))
	}
	if s := screenText(m); !strings.Contains(s, "Nothing to settle") || strings.Contains(s, "to settle (!)") {
		t.Errorf("settled, the list and the title line:\n%s", s)
	}
}

// m and f settle on the backlog; in the preview, where m reads "Read
// more", M and F do.
func TestSettleOnTheBacklogAndInThePreview(t *testing.T) {
	m := pasteModel(t)
	m = press(t, m, "esc", "G")
	if s := screenText(m); !strings.Contains(s, "to paste") {
		t.Errorf("the backlog row should say the text waits to be pasted:\n%s", s)
	}
	m = press(t, m, "f")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusFailed || len(m.pendingSends) != 0 || !strings.Contains(m.message, "marked as not gone out") {
		t.Fatalf("f on the backlog: %s, %q", p.Status, m.message)
	}

	m = pasteModel(t)
	m = press(t, m, "esc", "G", "p")
	if m.screen != screenPreview {
		t.Fatalf("p opens the preview: %d", m.screen)
	}
	keys := m.preview.keysNow(&m.desk)
	if !keys.Went.Enabled() || keys.Went.Keys()[0] == keys.ReadMore.Keys()[0] {
		t.Fatalf("the preview's settle keys clash with Read more: %v %v", keys.Went.Keys(), keys.ReadMore.Keys())
	}
	m = press(t, m, "M")
	if p := mustPost(t, m, p.Title); p.Status != store.StatusSent {
		t.Errorf("M in the preview: %s", p.Status)
	}
}

// A send of unknown outcome is listed too, with what its last attempt
// said; f leaves it free to go again.
func TestAnUnknownSendIsSettledToo(t *testing.T) {
	m := weekModel(t)
	m.dispatcher.Backends = map[string]sender.Backend{"manual": silent{}}
	m = press(t, m, "G", "U")
	m = typeText(t, m, "Storm")
	m = press(t, m, "enter", "!")
	s := screenText(m)
	if !strings.Contains(s, "unknown") || !strings.Contains(s, "look at the channel") || !strings.Contains(s, "no answer in 10s") {
		t.Fatalf("the unknown send should be listed with its error:\n%s", s)
	}
	m = press(t, m, "f")
	p := mustPost(t, m, "Collecte des déchets décalée")
	if p.Status != store.StatusFailed {
		t.Fatalf("f: %s", p.Status)
	}
	if _, err := m.st.Queue(p.ID, []string{"manual"}, testNow, false, ""); err != nil {
		t.Errorf("settled as not gone, it may go again: %v", err)
	}
}
