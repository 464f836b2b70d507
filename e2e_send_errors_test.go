package main

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"crieur/sender"
	"crieur/store"
	"crieur/ui/i18n"
	"crieur/ui/i18n/i18ntest"
)

// The week sent to destinations that go wrong, through the real program
// in French at 80x24: a webhook whose server answers 500, another behind
// a self-signed certificate. The person plans the post and sends it now;
// the desk's report, the send to settle, the post's history and crieur
// sends say why in French, with no entry of the English catalogue and
// none of the words the server or Go answered.
func TestWalkSendErrorsInFrench(t *testing.T) {
	skipIfShort(t)
	fr, en := i18n.For("fr"), i18n.For("en")
	const (
		title   = "Piscine fermée"
		failing = "automate"   // answers 500
		secure  = "passerelle" // a certificate no authority signed
	)
	broken := quietServer(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		http.Error(w, "Internal Server Error: database is down", http.StatusInternalServerError)
	}, false)
	selfSigned := quietServer(t, func(http.ResponseWriter, *http.Request) {
		t.Error("a request went through a certificate not trusted")
	}, true)
	d := newDesk(t)
	d.destinations(fmt.Sprintf("[desk]\nname = \"Camille\"\n\n[[destination]]\nname = %q\nkind = \"webhook\"\nurl = %q\n\n[[destination]]\nname = %q\nkind = \"webhook\"\nurl = %q\n",
		failing, broken.URL+"/hook", secure, selfSigned.URL+"/hook"))
	validatedPost(t, d, title)

	w := &walker{terminal: startDeskSized(t, d, 80, 24, []string{"--lang", "fr"})}
	w.waitText(title)
	w.hit("w")
	w.waitText(fr.EmptySlot)
	w.week("]")
	w.hit(keyEnter)
	w.waitText(strings.Fields(fr.PickTitle)[0])
	w.hit(keyEnter)
	w.waitText(flat(fmt.Sprintf(fr.SendStateLine, failing, fr.SendStates["queued"])))
	w.hit("S")
	w.waitText("(o/n)")
	w.hit("o")

	// The report of the run: the count, and why the first send that needs
	// a person did not go.
	serverError := fr.SendErrors.Codes[string(sender.CodeServerError)] + " (HTTP 500)"
	screen := w.waitText(flat(serverError))
	said := []string{screen}
	// The week's slot: the webhook's send may have gone (the row is cut
	// at 80 columns before the second destination).
	if unknown := flat(fmt.Sprintf(fr.SendStateLine, failing, fr.SendStates["unknown"])); !strings.Contains(flat(screen), strings.SplitN(unknown, " ", 3)[0]+" "+strings.SplitN(unknown, " ", 3)[1]) {
		t.Errorf("the week should show the webhook's send as unknown:\n%s", framed(screen))
	}

	// The send whose outcome is unknown waits for a person: its last
	// attempt says why.
	w.hit("!")
	screen = w.waitText(flat(fmt.Sprintf(fr.Settle.LastError, serverError)))
	said = append(said, screen)
	w.hit(keyEsc, keyEsc)

	// The post's history: each attempt that did not go, and why; the
	// newest shows beside the list.
	w.waitText(fr.Tabs[0])
	w.hit("r")
	untrusted := flat(fr.SendErrors.Codes[string(sender.CodeTLSUntrusted)])
	screen = w.waitText(fr.HistoryTitle)
	said = append(said, screen)
	// The selected row's sentence shows whole beside the list.
	detail := func(screen string) string {
		var right []string
		for _, line := range rows(screen)[1:] {
			right = append(right, ansi.Cut(line, 41, 80))
		}
		return flat(strings.Join(right, "\n"))
	}
	seen := map[string]bool{}
	for i := 0; i < 8 && !(seen[untrusted] && seen[flat(serverError)]); i++ {
		for _, sentence := range []string{untrusted, flat(serverError)} {
			if strings.Contains(detail(screen), sentence) {
				seen[sentence] = true
			}
		}
		before := screen
		w.hit("k")
		screen = w.waitFor("the history's row above", func(s string) bool { return s != before }, screenTimeout)
		said = append(said, screen)
	}
	if !seen[untrusted] || !seen[flat(serverError)] {
		t.Errorf("the history should say %q and %q:\n%s", untrusted, serverError, framed(screen))
	}
	w.hit(keyEsc)
	w.quit()

	// crieur sends says the same, in French.
	r := d.run("", "--lang", "fr", "sends")
	if r.code != 0 || !strings.Contains(flat(r.stdout), flat(fmt.Sprintf(fr.CLI.Sends.LastError, serverError))) ||
		!strings.Contains(flat(r.stdout), flat(fmt.Sprintf(fr.CLI.Sends.LastError, untrusted))) {
		t.Errorf("crieur sends: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	said = append(said, r.stdout)

	// No English: neither the catalogue's nor what the servers answered.
	raw := sentWords(t, d)
	for _, text := range said {
		if leaks := i18ntest.Leaks("fr", text, raw, i18ntest.ScriptWords...); len(leaks) > 0 {
			t.Errorf("English on a French screen: %q\n%s", leaks, framed(text))
		}
	}
	for _, code := range []sender.Code{sender.CodeServerError, sender.CodeTLSUntrusted} {
		if english := en.SendErrors.Codes[string(code)]; strings.Contains(flat(strings.Join(said, "\n")), english) {
			t.Errorf("the English sentence %q was shown", english)
		}
	}
}

// validatedPost saves a post in a new data file and validates it, as
// the settings seal it.
func validatedPost(t *testing.T, d *desk, title string) {
	t.Helper()
	st := d.sealedStore(t)
	defer st.Close()
	p, err := st.SavePost(store.Post{Title: title, Body: "*" + title + "*\u202f: fermée du 1er au 14", Link: "https://www.valbourg.fr/piscine",
		Category: "service", Status: store.StatusReady})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Validate(p.ID, p.Rev, "Camille"); err != nil {
		t.Fatal(err)
	}
}

// sentWords are the words the send log recorded for the technical record:
// what the destinations and Go answered, in English.
func sentWords(t *testing.T, d *desk) []string {
	t.Helper()
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sends, err := st.SendLog(false)
	if err != nil {
		t.Fatal(err)
	}
	var raw []string
	for _, s := range sends {
		for _, a := range s.Attempts {
			if a.Err != "" {
				raw = append(raw, a.Err)
			}
		}
	}
	if len(raw) < 2 {
		t.Fatalf("the send log recorded %d errors: %+v", len(raw), sends)
	}
	return raw
}
