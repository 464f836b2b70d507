package main

// End-to-end flows: the crieur binary that TestMain builds runs in a
// pseudo-terminal as a person would use it, everything it writes is
// replayed into a virtual screen, and the flows type keys and read that
// screen. They assert on what the screen shows, never on the byte stream's
// shape, which depends on timing.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"crieur/ui"
)

// The terminal the desk starts in.
const (
	termWidth  = 100
	termHeight = 30
)

// Generous limits, for -race on a busy machine: a flow that works takes a
// fraction of them, and one that does not fails with the screen printed.
const (
	screenTimeout = 20 * time.Second
	exitTimeout   = 20 * time.Second
)

// Keys as a terminal sends them.
const (
	keyEnter     = "\r"
	keyTab       = "\t"
	keyEsc       = "\x1b"
	keySave      = "\x13" // ctrl+s
	keyBackspace = "\x7f"
)

// escPause follows a lone esc, so that the next key is not read with it as
// alt+key.
const escPause = 150 * time.Millisecond

// What the English desk shows; see ui/i18n/en.go and ui/i18n/samples.go.
const (
	sampleLibrary = "Library now open on Sundays"
	editorLabel   = "Alt text"                  // a field name only the editor shows
	backlogHint   = "/ filter (title, category" // the filter line of the backlog
	backlogFooter = "enter open"                // the backlog's first footer key
	editorFooter  = "ctrl+s save"               // the editor's first footer key
	lockedMessage = "is open in another crieur" // a second crieur on the same file
	recoveredEdit = "Recovered unsaved changes from"
)

// deskEnv is the environment of a desk run on d: an English UTF-8 locale, a
// 256-colour terminal, and home and the XDG folders inside the test's
// folder. Nothing is inherited but PATH, so the machine's NO_COLOR, LC_ALL
// or COLORTERM cannot change what a flow sees.
func deskEnv(d *desk, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"TERM=xterm-256color",
		"LANG=en_US.UTF-8",
		"HOME=" + d.dir,
		"XDG_CONFIG_HOME=" + filepath.Join(d.dir, "xdg-config"),
		"XDG_DATA_HOME=" + filepath.Join(d.dir, "xdg-data"),
		"XDG_CACHE_HOME=" + filepath.Join(d.dir, "xdg-cache"),
		"XDG_STATE_HOME=" + filepath.Join(d.dir, "xdg-state"),
		"XDG_RUNTIME_DIR=" + filepath.Join(d.dir, "xdg-runtime"),
	}
	return append(env, extra...)
}

// skipIfShort skips the end-to-end flows under -short: together they take
// about 15 s, most of it the crash flow waiting for autosaves.
func skipIfShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end flow; run without -short")
	}
}

// openDesk starts the desk on d's data and settings files in a
// termWidth×termHeight terminal. The process is killed, if still running,
// when the test ends.
func openDesk(t *testing.T, d *desk, extraEnv ...string) *terminal {
	t.Helper()
	// Offline: the desk must not read the sample posts' pages.
	return startDesk(t, d, []string{"--offline"}, extraEnv...)
}

// startDesk is openDesk with the desk's own flags.
func startDesk(t *testing.T, d *desk, flags []string, extraEnv ...string) *terminal {
	t.Helper()
	return startDeskSized(t, d, termWidth, termHeight, flags, extraEnv...)
}

// startDeskSized is startDesk in a terminal of cols×rows.
func startDeskSized(t *testing.T, d *desk, cols, rows int, flags []string, extraEnv ...string) *terminal {
	t.Helper()
	d.settled()
	cmd := exec.Command(binary, append(flags, "--db", d.db, "--config", d.cfg)...)
	cmd.Env = deskEnv(d, extraEnv...)
	return inTerminal(t, cmd, cols, rows, cols, rows)
}

// openPost filters the backlog down to the posts matching query and opens
// the first of them.
func (term *terminal) openPost(query string) {
	term.t.Helper()
	term.press("/", query)
	term.waitScreen("/ "+query, screenTimeout)
	term.press(keyEnter) // leaves the filter line, the filter stays
	term.waitScreen(fmt.Sprintf("/ %s  (", query), screenTimeout)
	term.press(keyEnter)
	term.waitScreen(editorLabel, screenTimeout)
}

// exported is the desk's posts as `crieur export` writes them, by title.
func exported(t *testing.T, d *desk) map[string]exchangePost {
	t.Helper()
	posts := map[string]exchangePost{}
	for _, line := range strings.Split(strings.TrimSpace(d.ok("", "export")), "\n") {
		var p exchangePost
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			t.Fatalf("export line %q: %v", line, err)
		}
		posts[p.Title] = p
	}
	return posts
}

// A post written in the terminal, emoji and accent included, is saved,
// survives a restart, and the filter finds it.
func TestEndToEndWriteSaveFind(t *testing.T) {
	skipIfShort(t)
	const (
		title = "Snow clearing on pavements"
		body  = "Clear the pavement in front of your home by 8 am 🧹 and salt it: merci, déneigé !"
	)
	d := newDesk(t)
	term := openDesk(t, d)
	term.waitScreen(sampleLibrary, screenTimeout)

	term.press("n")
	term.waitScreen(editorLabel, screenTimeout)
	term.press(title[:len(title)-1], "z", keyBackspace, title[len(title)-1:])
	term.waitScreen(title, screenTimeout)
	// Title, category, link, image, alt text, then the text.
	term.press(keyTab, keyTab, keyTab, keyTab, keyTab)
	term.press(body)
	term.waitScreen("🧹 and salt", screenTimeout)
	term.waitScreen("déneigé", screenTimeout)
	term.press(keySave)
	term.waitScreen("Saved (rev. ", screenTimeout)
	term.press(keyEsc)
	term.waitScreen(backlogHint, screenTimeout)
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d; the screen:\n%s", code, framed(term.text()))
	}

	if p, ok := exported(t, d)[title]; !ok || p.Body != body {
		t.Errorf("the file holds %+v (found: %v), want the body %q", p, ok, body)
	}

	term = openDesk(t, d)
	term.waitScreen(title, screenTimeout)
	term.waitScreen(sampleLibrary, screenTimeout)
	term.press("/", "snow")
	term.waitScreen("/ snow", screenTimeout)
	screen := term.waitGone(sampleLibrary, screenTimeout)
	if !strings.Contains(screen, title) {
		t.Errorf("the filter snow hides %q; the screen:\n%s", title, framed(screen))
	}
	term.press(keyEsc, "q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Errorf("q after filtering: exit code %d", code)
	}
}

// While a desk has the data file open, a second desk says so quickly
// instead of waiting, and the first desk is unharmed. (The commands go
// through the open desk: e2e_team_test.go.)
func TestEndToEndSecondInstance(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	term := openDesk(t, d)
	term.waitScreen(sampleLibrary, screenTimeout)

	ctx, cancel := context.WithTimeout(context.Background(), exitTimeout)
	defer cancel()
	list := exec.CommandContext(ctx, binary, "--db", d.db, "--config", d.cfg, "--offline")
	list.Env = deskEnv(d)
	var stdout, stderr bytes.Buffer
	list.Stdout, list.Stderr = &stdout, &stderr
	err := list.Run()
	if ctx.Err() != nil {
		t.Fatalf("a second desk still waits for the file after %v", exitTimeout)
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 {
		t.Errorf("a second desk on an open file: %v, want exit code 1", err)
	}
	if msg := stderr.String(); !strings.Contains(msg, d.db) || !strings.Contains(msg, lockedMessage) || strings.Count(msg, "\n") != 1 {
		t.Errorf("a second desk on an open file said %q; want one line with the file's path and %q", msg, lockedMessage)
	}
	if stdout.Len() > 0 {
		t.Errorf("a second desk on an open file wrote %q on stdout", stdout.String())
	}

	term.waitScreen(sampleLibrary, screenTimeout)
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}
	if out := d.ok("", "list"); !strings.Contains(out, sampleLibrary) {
		t.Errorf("crieur list after the desk closed:\n%s", out)
	}
}

// Words typed but never saved survive a SIGKILL: a new post comes back as
// a post, changes to a saved post come back when it is opened.
func TestEndToEndCrashKeepsTyping(t *testing.T) {
	skipIfShort(t)
	const (
		newTitle = "Gritting lorries out tonight"
		words    = "Zebra quartz jumps "
	)
	// Long enough for an autosave tick to come after the last key and its
	// working copy to be written: a precondition, not an assertion.
	keep := 2 * ui.AutosaveEvery

	d := newDesk(t)
	term := openDesk(t, d)
	term.waitScreen(sampleLibrary, screenTimeout)
	term.press("n")
	term.waitScreen(editorLabel, screenTimeout)
	term.press(newTitle)
	term.waitScreen(newTitle, screenTimeout)
	time.Sleep(keep)
	term.crash()

	term = openDesk(t, d)
	term.waitScreen("Recovered 1 unsaved post after a crash.", screenTimeout)
	term.waitScreen(newTitle, screenTimeout)
	term.openPost("library")
	term.press(keyTab, keyTab, keyTab, keyTab, keyTab) // to the text
	term.press(words)
	term.waitScreen(strings.TrimSpace(words), screenTimeout)
	time.Sleep(keep)
	term.crash()

	term = openDesk(t, d)
	term.waitScreen(sampleLibrary, screenTimeout)
	term.openPost("library")
	term.waitScreen(recoveredEdit, screenTimeout)
	term.waitScreen(strings.TrimSpace(words), screenTimeout)
	term.press(keySave)
	term.waitScreen("Saved (rev. ", screenTimeout)
	term.press(keyEsc)
	term.waitScreen(backlogFooter, screenTimeout) // the filter stays: no hint
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}

	posts := exported(t, d)
	if _, ok := posts[newTitle]; !ok {
		t.Errorf("the post written before the first crash is not in the file")
	}
	for title, p := range posts {
		if strings.HasPrefix(title, sampleLibrary) && !strings.HasPrefix(p.Body, words) {
			t.Errorf("%q was saved with the text %q, want it to start with %q", title, p.Body, words)
		}
	}
}

// sgr is a Select Graphic Rendition sequence and its parameters.
var sgr = regexp.MustCompile(`\x1b\[([0-9;:]*)m`)

// sgrColour returns the first SGR sequence in out that sets a colour: 30–38
// and 40–48 (16, 256 and true colours), 90–97 and 100–107 (bright), 58
// (underline); "" if none does. The defaults 39 and 49 are not colours.
func sgrColour(out []byte) string {
	for _, m := range sgr.FindAllSubmatch(out, -1) {
		for _, param := range strings.Split(string(m[1]), ";") {
			code, _, _ := strings.Cut(param, ":")
			var n int
			if _, err := fmt.Sscan(code, &n); err != nil {
				continue
			}
			switch {
			case n >= 30 && n <= 38, n >= 40 && n <= 48, n >= 90 && n <= 97, n >= 100 && n <= 107, n == 58:
				return fmt.Sprintf("%q", m[0])
			}
		}
	}
	return ""
}

// NO_COLOR with any non-empty value takes every colour away, and a
// smaller window keeps the title bar on top and the footer at the bottom.
func TestEndToEndNoColorAndResize(t *testing.T) {
	skipIfShort(t)
	// The same screens in colour, so that the check below is known to
	// catch colour when there is some.
	coloured := openDesk(t, newDesk(t))
	coloured.waitScreen(sampleLibrary, screenTimeout)
	coloured.press("n")
	coloured.waitScreen(editorLabel, screenTimeout)
	if sgrColour(coloured.written()) == "" {
		t.Fatal("no colour without NO_COLOR: the check below would prove nothing")
	}
	coloured.press(keyEsc, "q")
	coloured.waitExit(exitTimeout)

	d := newDesk(t)
	term := openDesk(t, d, "NO_COLOR=yes")
	term.waitScreen(sampleLibrary, screenTimeout)
	term.press("n")
	term.waitScreen(editorLabel, screenTimeout)
	term.press(keyEsc)
	term.waitScreen(backlogHint, screenTimeout)

	const cols, height = 60, 20
	term.resize(cols, height)
	framesWell := func(footer string) func(string) bool {
		return func(screen string) bool {
			r := rows(screen)
			return len(r) == height && strings.HasPrefix(r[0], "crieur · ") && strings.Contains(r[height-1], footer)
		}
	}
	term.waitFor(fmt.Sprintf("the title bar on row 1 and %q on row %d", backlogFooter, height), framesWell(backlogFooter), screenTimeout)
	term.waitScreen("Library now open", screenTimeout) // titles are cut to the width
	// The editor at that size: the preview gives way to the form.
	term.press("n")
	term.waitFor(fmt.Sprintf("the editor's title bar and %q on row %d", editorFooter, height), framesWell(editorFooter), screenTimeout)
	term.waitScreen(editorLabel, screenTimeout)
	term.press(keyEsc)
	term.waitFor(fmt.Sprintf("the backlog again, %q on row %d", backlogFooter, height), framesWell(backlogFooter), screenTimeout)

	if found := sgrColour(term.written()); found != "" {
		t.Errorf("NO_COLOR=yes, yet crieur wrote the colour %s", found)
	}
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Errorf("q: exit code %d", code)
	}
}

// The week's whole round through the real program: validate a post, plan
// it in next week's first slot, send it through the copy-and-paste
// destination, confirm it was pasted, and see it sent.
func TestEndToEndPlanSendConfirm(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	term := openDesk(t, d)
	term.waitScreen(sampleLibrary, screenTimeout)

	term.press("/", "library", keyEnter)
	term.waitGone("Road works", screenTimeout)
	term.press("v")
	term.waitScreen("exactly as shown", screenTimeout)
	term.press("y")
	term.waitScreen("validated by", screenTimeout)

	term.press("w")
	term.waitScreen("free slot", screenTimeout)
	term.press("]")
	// The title changes at once, the rows when they are read.
	next := weeksAhead(1)
	term.waitFor("next week's free slots", func(s string) bool { return containsAny(s, next...) && strings.Contains(s, "free slot") }, screenTimeout)
	term.press(keyEnter)
	term.waitScreen("Validated post to plan", screenTimeout)
	term.press(keyEnter)
	term.waitScreen("manual: queued", screenTimeout)

	term.press("S")
	term.waitScreen("now to manual?", screenTimeout)
	term.press("y")
	// The text to paste shows at once; m there says it was posted.
	term.waitScreen("Text to paste, as it is:", screenTimeout)
	term.press("m")
	term.waitScreen("marked as posted", screenTimeout)
	term.press(keyEsc)
	screen := term.waitScreen("manual: sent", screenTimeout)
	if !strings.Contains(screen, sampleLibrary) {
		t.Errorf("the slot should show the post; the screen:\n%s", framed(screen))
	}
	term.press(keyEsc, "q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}
	found := false
	for title, p := range exported(t, d) {
		if strings.HasPrefix(title, sampleLibrary) {
			found = true
			if p.Status != "sent" {
				t.Errorf("the post is %q in the file, want sent", p.Status)
			}
		}
	}
	if !found {
		t.Error("the post is not in the file")
	}
	outbox, err := filepath.Glob(filepath.Join(filepath.Dir(d.db), "outbox", "*.txt"))
	if err != nil || len(outbox) != 1 {
		t.Errorf("the copy-and-paste outbox holds %v (%v)", outbox, err)
	}
}

// The WhatsApp screen of a desk that has never been linked says how to
// link and the risk, and looking at it creates no session file.
func TestEndToEndWhatsAppScreen(t *testing.T) {
	skipIfShort(t)
	d := newDesk(t)
	// Online, so the desk has its linked device; nothing here opens a post,
	// so no page is read.
	term := startDesk(t, d, nil)
	term.waitScreen(sampleLibrary, screenTimeout)
	term.press("W")
	screen := term.waitScreen("no account linked", screenTimeout)
	for _, want := range []string{"WhatsApp Channel", "not linked", "none chosen", "dedicated admin number"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the WhatsApp screen lacks %q:\n%s", want, screen)
		}
	}
	term.press(keyEsc)
	term.waitScreen(backlogHint, screenTimeout)
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Fatalf("q: exit code %d", code)
	}
	session := filepath.Join(filepath.Dir(d.db), "whatsapp")
	if _, err := os.Stat(session); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("looking at the WhatsApp screen made %s (%v)", session, err)
	}
}
