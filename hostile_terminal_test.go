package main

// Hostile input (hostile_test.go) on its way to the screen: a huge post,
// escape sequences in a post, a tiny terminal.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// A 1 MB body is refused by the import with the line's size; the desk
// then opens and answers keys as usual. A post that big in the file (put
// there by something else than the import) is listed and previewed.
func hostileHugeBody(t *testing.T) string {
	d := newDesk(t)
	body := strings.Repeat("Le marché de Noël ouvre samedi 🎄 ", 1<<20/36)
	line, _ := json.Marshal(exchangePost{Title: "Énorme", Body: body})
	in := d.write("huge.jsonl", string(line)+"\n")
	msg := refusedImport(t, d, in, fmt.Sprintf("%s:1: line is %d bytes; a post may not be over %d", in, len(line), maxLine))
	csvIn := d.write("huge.csv", "title,body\nÉnorme,\""+body+"\"\n")
	csvMsg := refusedImport(t, d, csvIn, fmt.Sprintf("%s:2: body is %d bytes; the limit is 64 KiB", csvIn, len(body)))
	if hashOf(t, d.db) != "absent" {
		t.Error("a refused import created the data file")
	}

	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{Title: "Énorme", Body: body, Category: "event"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out := d.ok("", "list"); !strings.Contains(out, "Énorme") {
		t.Errorf("list:\n%s", out)
	}
	r := d.run("", "preview", p.ID)
	if (r.code != exitOK && r.code != exitError) || !strings.Contains(r.stdout, "Le marché de Noël ouvre") {
		t.Errorf("preview of the 1 MB post: exit %d, stderr %q", r.code, r.stderr)
	}
	checkPlain(t, r.stdout, defaultWidth)

	if !testing.Short() {
		content := contentOf(t, d.db)
		term := openDesk(t, d)
		term.waitScreen("Énorme", screenTimeout)
		term.openPost("enorme")
		term.waitScreen("Le marché de Noël ouvre", screenTimeout)
		term.press(keyEsc)
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("n")
		term.waitScreen(editorLabel, screenTimeout)
		term.press(keyEsc)
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("q")
		if code := term.waitExit(exitTimeout); code != 0 {
			t.Errorf("q: exit code %d", code)
		}
		if contentOf(t, d.db) != content {
			t.Error("opening and leaving the post changed the data file")
		}
	}
	return msg + "; CSV " + csvMsg
}

// The sequences a hostile post carries: a clipboard write (OSC 52), a
// window title, a cursor move, a device control string, an 8-bit CSI and
// the characters that reorder text.
var hostileSequences = []string{"\x1b]52;c;cGF3bmVk\x07", "\x1b]0;pwned\x07", "\x1b[99;99H", "\x1bP+q544e\x1b\\", "\u009b2J", "\u202e", "\u2066", "\u2069"}

// hostileEscapes: the import refuses the control characters, and takes
// the bidi ones; a post that holds them all anyway (written by another
// program) reaches the terminal from none of list, preview and the desk.
func hostileEscapes(t *testing.T) string {
	d := newDesk(t)
	body := "Alerte " + strings.Join(hostileSequences, " x ")
	line, _ := json.Marshal(exchangePost{Title: "Trap " + hostileSequences[1], Body: body})
	r := d.run("", "import", d.write("trap.jsonl", string(line)+"\n"))
	if r.code != exitError || !strings.Contains(r.stderr, "title holds the control character U+001B; body holds the control character U+001B") {
		t.Errorf("import of escape sequences: exit %d, %q", r.code, r.stderr)
	}
	checkTerminalSafe(t, "the import's stderr", r.stderr)
	if hashOf(t, d.db) != "absent" {
		t.Error("a refused import created the data file")
	}
	msg := strings.Split(r.stderr, "\n")[0]
	bidi, _ := json.Marshal(exchangePost{Title: "Bidi \u202egnp.exe", Body: "Bidi \u2066x\u2069 \u202eevil"})
	d.ok(string(bidi)+"\n", "import", "-")

	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.SavePost(store.Post{Title: "Trap " + strings.Join(hostileSequences, ""), Body: body, Link: "https://www.valbourg.fr/\x1b]52;c;eA==\x07", Category: "alert\x1b[5m"})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	list := d.ok("", "list")
	checkTerminalSafe(t, "crieur list", list)
	if !strings.Contains(list, `Trap \x1b]52;c;cGF3bmVk\x07`) || !strings.Contains(list, `Bidi \u202egnp.exe`) {
		t.Errorf("list does not show the titles escaped:\n%s", list)
	}
	r = d.run("", "preview", p.ID)
	checkTerminalSafe(t, "crieur preview", r.stdout)
	checkTerminalSafe(t, "crieur preview's stderr", r.stderr)
	if !strings.Contains(r.stdout, "Alerte") {
		t.Errorf("preview:\n%s", r.stdout)
	}
	if j := d.ok("", "list", "--json"); strings.ContainsAny(j, "\x1b\x07") {
		t.Errorf("list --json holds a raw escape: %q", j)
	}

	if !testing.Short() {
		content := contentOf(t, d.db)
		term := openDesk(t, d)
		term.waitScreen("Bidi", screenTimeout)
		term.openPost("trap")
		term.waitScreen("Alerte", screenTimeout)
		// The editor shows control characters as symbols, so the post
		// reads as modified: leave without saving.
		term.press(keyEsc)
		term.waitScreen("Save them?", screenTimeout)
		term.press("n")
		term.waitScreen(backlogFooter, screenTimeout)
		term.press("q")
		if code := term.waitExit(exitTimeout); code != 0 {
			t.Errorf("q: exit code %d", code)
		}
		out := term.written()
		for _, seq := range append(hostileSequences, "\x1b]52;c;eA==", "\x1b[5m") {
			if bytes.Contains(out, []byte(seq)) {
				t.Errorf("the desk wrote the post's %q to the terminal", seq)
			}
		}
		if contentOf(t, d.db) != content {
			t.Error("opening and leaving the post changed the data file")
		}
	}
	return escapeControls(msg)
}

// openDeskIn starts the desk in a terminal of cols×rows that is replayed
// into a larger screen: anything drawn past the terminal's edges lands
// on the screen where the test sees it.
func openDeskIn(t *testing.T, d *desk, cols, rows, screenCols, screenRows int) *terminal {
	t.Helper()
	d.settled()
	cmd := exec.Command(binary, "--offline", "--db", d.db, "--config", d.cfg)
	cmd.Env = deskEnv(d)
	return inTerminal(t, cmd, cols, rows, screenCols, screenRows)
}

// hostileTinyTerminal drives the desk in 20 columns and 5 rows: every
// screen stays inside them, and q quits cleanly.
func hostileTinyTerminal(t *testing.T) string {
	if testing.Short() {
		t.Skip("the desk in a terminal; run without -short")
	}
	const cols, rows = 20, 5
	d := newDesk(t)
	term := openDeskIn(t, d, cols, rows, 60, 20)
	inside := func(screen string) error {
		for i, line := range strings.Split(screen, "\n") {
			line = strings.TrimRight(line, " ")
			switch {
			case i >= rows && line != "":
				return fmt.Errorf("row %d drawn below the terminal: %q", i+1, line)
			case ansi.StringWidth(line) > cols:
				return fmt.Errorf("row %d is %d cells wide: %q", i+1, ansi.StringWidth(line), line)
			}
		}
		return nil
	}
	var msg string
	for _, step := range []struct{ keys, shows string }{
		{"", "crieur"}, {"j", "crieur"}, {"n", "crieur"}, {keyEsc, "crieur"}, {"w", "crieur"}, {keyEsc, "crieur"}, {"?", "crieur"}, {keyEsc, "crieur"},
	} {
		if step.keys != "" {
			term.press(step.keys)
		}
		screen := term.waitScreen(step.shows, screenTimeout)
		time.Sleep(100 * time.Millisecond) // the frame after the key
		screen = term.text()
		if err := inside(screen); err != nil {
			t.Fatalf("after %q: %v; the screen:\n%s", step.keys, err, framed(screen))
		}
		if msg == "" {
			msg = strings.TrimSpace(strings.Split(screen, "\n")[0])
		}
	}
	term.press("q")
	if code := term.waitExit(exitTimeout); code != 0 {
		t.Errorf("q: exit code %d", code)
	}
	if out := term.written(); bytes.Contains(out, []byte("panic")) || bytes.Contains(out, []byte("goroutine ")) {
		t.Errorf("the desk crashed:\n%s", out)
	}
	if posts := strings.Count(contentOf(t, d.db), "\n"); posts != 7 {
		t.Errorf("after the desk in a small terminal the file holds %d posts, want the 7 samples", posts)
	}
	return fmt.Sprintf("the first row reads %q; q exits 0", msg)
}
