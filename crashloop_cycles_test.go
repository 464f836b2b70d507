package main

// The crash loop's cycles (crashloop_test.go): the desk, the desk online,
// an import and a run of `crieur send --due`, each noting what the
// program acknowledged before the kill.

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"crieur/store"
	"crieur/ui/i18n"
)

// deskCycle writes a post in the desk, saves it once or twice, moves it to
// draft, validates it, plans it in the cycle's slot of a week to come,
// and sends it now (S), so that its send to the webhook is due at once (a
// slot already past cannot be planned). Offline, the desk queues the send,
// and `crieur send --due` delivers it; online, the desk delivers it, most
// often while its run at start still waits for the webhook.
func (cl *crashLoop) deskCycle(t *testing.T, d *desk, i int, k *killer, killAt time.Duration, online bool) {
	tag := fmt.Sprintf("d%05d", i)
	post := &ackedPost{
		title:  "Desk post " + tag,
		link:   "https://www.valbourg.fr/crash/" + tag,
		bodies: map[uint64]string{},
	}
	body := fmt.Sprintf("Desk post %s: the pool reopens after works.", tag)
	twice := cl.rng.IntN(2) == 0
	acked := false
	ack := func(rev uint64, body string) bool {
		return k.before(func() {
			post.bodies[rev] = body
			if !acked {
				cl.saves = append(cl.saves, post)
				acked = true
			}
		})
	}

	var term *terminal
	if online {
		// Online, but the pages the posts link to are not read: a proxy
		// that refuses every connection stands in the way (the webhook,
		// on this machine, is reached directly).
		term = startDesk(t, d, nil, "HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1")
	} else {
		term = openDesk(t, d)
	}
	k.arm(term.cmd.Process, killAt)
	defer func() {
		k.disarm()
		if k.done() {
			<-term.exited // the file is free again
		}
	}()
	see := func(what string, ok func(string) bool) bool { return cl.see(t, term, k, what, ok) }
	has := func(s string) func(string) bool {
		return func(screen string) bool { return strings.Contains(screen, s) }
	}
	row := func(words ...string) func(string) bool {
		return func(screen string) bool {
			for _, line := range rows(screen) {
				if containsAll(line, words...) {
					return true
				}
			}
			return false
		}
	}

	if !see("the backlog", has(backlogColumns)) {
		return
	}
	term.press("n")
	if !see("the editor", has(editorLabel)) {
		return
	}
	term.press(post.title)
	// Category (the first one), link, image and alt text left empty, text.
	term.press(keyTab, "\x1b[C", keyTab, post.link, keyTab, keyTab, keyTab, body)
	if !see("the text typed", has(body[len(body)-12:])) {
		return
	}
	term.press(keySave)
	if !see("rev. 1 saved", has("rev. 1 · saved")) || !ack(1, body) {
		return
	}
	if twice {
		more := " Second save " + tag + "."
		term.press(more)
		if !see("the text modified", has("modified")) {
			return
		}
		term.press(keySave)
		if !see("rev. 2 saved", has("rev. 2 · saved")) || !ack(2, body+more) {
			return
		}
	}
	term.press(keyEsc)
	if !see("the backlog", has(backlogColumns)) {
		return
	}
	term.press("/", tag, keyEnter)
	if !see("the post alone in the backlog", has("/ "+tag+"  (1)")) {
		return
	}
	term.press(">")
	if !see("the post in draft", row(post.title, "draft")) {
		return
	}
	term.press("v")
	if !see("the question to validate", has("exactly as shown")) {
		return
	}
	term.press("y")
	if !see("the post validated", row(post.title, "validated")) {
		return
	}
	term.press("w")
	if !see("the week", has("Week ")) {
		return
	}
	// The cycle's slot is in a week to come, and earlier in that week
	// than every slot planned before: the first row.
	ahead := 1 + i/slotsPerWeek
	for range ahead {
		term.press("]")
	}
	// The title changes at once, the rows when they are read: wait for
	// both, since keys act on nothing in between.
	weeks := weeksAhead(ahead)
	if !see("week "+weeks[0]+" and its rows", func(s string) bool { return containsAny(s, weeks...) && strings.Contains(s, "free slot") }) {
		return
	}
	term.press(keyEnter)
	if !see("the post to plan, first", has("▌ "+post.title)) {
		return
	}
	// slotShows says whether the post's row reads state and its send's
	// line sendState.
	slotShows := func(screen string, states []string, sendState string) bool {
		lines := rows(screen)
		for j := 0; j+1 < len(lines); j++ {
			if containsAll(lines[j], post.title) && containsAny(lines[j], states...) && strings.Contains(lines[j+1], sendState) {
				return true
			}
		}
		return false
	}
	term.press(keyEnter)
	if !see("the post planned and queued", func(screen string) bool { return slotShows(screen, []string{"planned"}, "hook: queued") }) {
		return
	}
	term.press("S")
	if !see("the question to send now", has("now to hook?")) {
		return
	}
	if online && cl.hook.held() > 0 {
		cl.overlaps++ // the run at start waits for the webhook: the two runs must take turns
	}
	term.press("y")
	if !online {
		if !see("the send left waiting for the network", has("waiting for the network")) {
			return
		}
	} else if !see("the post sent", func(screen string) bool { return slotShows(screen, []string{"sent"}, "hook: sent") }) {
		return
	}
	term.press(keyEsc)
	if !see("the backlog", has(backlogColumns)) {
		return
	}
	term.press("q")
	select {
	case <-term.exited:
	case <-time.After(exitTimeout):
		t.Fatalf("the desk still runs %v after q; the screen:\n%s", exitTimeout, framed(term.text()))
	}
	k.disarm()
	if !k.done() && term.waitErr != nil {
		t.Fatalf("the desk ended with %v after q; the screen:\n%s", term.waitErr, framed(term.text()))
	}
}

// see waits for the screen to satisfy ok. It returns false once the desk
// has been killed, and fails the cycle if the desk ends by itself or the
// screen never comes.
func (cl *crashLoop) see(t *testing.T, term *terminal, k *killer, what string, ok func(string) bool) bool {
	t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for {
		if k.done() {
			<-term.exited
			return false
		}
		screen := term.text()
		if ok(screen) {
			return !k.done()
		}
		select {
		case <-term.exited:
			if k.done() {
				return false
			}
			<-term.copied
			t.Fatalf("the desk ended (%v) before the screen showed %s; the screen:\n%s", term.waitErr, what, framed(term.text()))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v the screen still does not show %s; the screen:\n%s", screenTimeout, what, framed(screen))
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// weeksAhead are the titles the week screen may show ahead weeks after
// this one (a minute from now, the week may have turned).
func weeksAhead(ahead int) []string {
	paris, _ := time.LoadLocation("Europe/Paris")
	var titles []string
	for _, at := range []time.Time{time.Now(), time.Now().Add(time.Minute)} {
		w := store.WeekOf(at, paris)
		for range ahead {
			w = w.Next()
		}
		titles = append(titles, fmt.Sprintf("Week %d ·", w.Number))
	}
	return titles
}

func containsAll(s string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// importCycle imports one to five posts from a JSON lines file. What the
// command printed before it died is its acknowledgement.
func (cl *crashLoop) importCycle(t *testing.T, d *desk, i int, k *killer, killAt time.Duration) {
	batch := &importBatch{}
	var file strings.Builder
	enc := json.NewEncoder(&file)
	for j := range 1 + cl.rng.IntN(5) {
		title := fmt.Sprintf("Imported post i%05d-%d", i, j)
		body := fmt.Sprintf("Imported post i%05d-%d: a road closed for works.", i, j)
		batch.titles, batch.bodies = append(batch.titles, title), append(batch.bodies, body)
		if err := enc.Encode(exchangePost{Title: title, Body: body, Link: "https://www.valbourg.fr/import", Category: "service", Status: "ready"}); err != nil {
			t.Fatal(err)
		}
	}
	cl.imports = append(cl.imports, batch)
	path := d.write(fmt.Sprintf("import-%05d.jsonl", i), file.String())
	cmd, out := cl.start(t, d, "import", path)
	k.arm(cmd.Process, killAt)
	code, ended := finish(cmd, k)
	en := i18n.For("en")
	want := en.N(en.CLI.Exchange.Imported, len(batch.titles)) + "\n"
	// Whatever it printed, it printed before it died.
	batch.acked = out.String() == want
	if ended && (code != 0 || !batch.acked) {
		t.Fatalf("crieur import: exit %d, printed %q, want %q", code, out.String(), want)
	}
	os.Remove(path)
}

// sendCycle runs `crieur send --due` with the webhook holding each
// request for a random time, and checks that every send it reported sent
// is sent in the file.
func (cl *crashLoop) sendCycle(t *testing.T, d *desk, holds []time.Duration, k *killer, killAt time.Duration) {
	cl.hook.setHolds(holds)
	cmd, out := cl.start(t, d, "send", "--due")
	k.arm(cmd.Process, killAt)
	code, ended := finish(cmd, k)
	if ended && code != 0 && code != 1 {
		t.Fatalf("crieur send --due: exit %d\n%s", code, out.String())
	}
	var sent []string
	for _, line := range strings.Split(out.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, "sent "); ok {
			title, _, _ := strings.Cut(strings.TrimSpace(rest), " -> hook")
			sent = append(sent, title)
		}
	}
	if len(sent) == 0 {
		return
	}
	st := cl.open(t)
	defer st.Close()
	ids := titles(t, st)
	for _, title := range sent {
		sends, err := st.Sends(ids[title])
		if err != nil {
			t.Fatalf("%q reported sent: %v", title, err)
		}
		if len(sends) == 0 || sends[len(sends)-1].State != store.SendSent {
			t.Errorf("crieur send --due reported %q sent, but its sends are %+v", title, sends)
		}
	}
}
