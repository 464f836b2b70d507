package main

// The crash loop: the crieur binary that TestMain builds works on one data
// file, cycle after cycle, and is killed with SIGKILL at random instants.
// A cycle is the desk in a pseudo-terminal (a new post, one or two saves,
// validation, a slot in the week), the same desk online sending that post
// now with S while its run at start waits for the webhook, `crieur import`
// of a few posts, or `crieur send --due` delivering to a fake webhook that
// holds each request for a while. After every cycle the file is opened
// again and checked: bbolt's own consistency check, every save
// acknowledged before the kill with all its revisions, every import all or
// nothing, no send delivered twice, no send that reached the webhook queued
// again, no planned post without its send queued, and, after an online
// desk that was not killed, no send of it recovered as cut short.
//
//	go test -v -run 'TestCrashLoop$' -crashloop.cycles 10000 .
//	go test -v -run 'TestCrashLoop$' -crashloop.seed 1234 .   (replay a run)
//	go test -v -run TestCrashLoopRegressions -crashloop.replay .
//
// With -v it prints its seed and, at the end, the cycles, the kills, the
// saves and sends checked; a failure prints them too. A seed replays the
// same schedule of cycles, kills and webhook delays; where a kill lands in
// the program still depends on the machine's timing.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"crieur/sender"
	"crieur/store"
	"crieur/ui/i18n"
)

var (
	crashCycles = flag.Int("crashloop.cycles", 300, "cycles of the crash loop (TestCrashLoop)")
	crashSeed   = flag.Uint64("crashloop.seed", 0, "replay the crash loop run that printed this seed (0: a new seed)")
)

// backlogColumns is the backlog's header, there whatever the status line
// says.
const backlogColumns = "Status    Category  Date"

// hookSecret is the signing key the desk's secrets file gives the webhook
// (see desk.destinations).
const hookSecret = "shared-with-the-hook"

// cycleKind is what a cycle has the program do.
type cycleKind int

const (
	cycleDesk cycleKind = iota
	cycleImport
	cycleSend
	// cycleOnline is a desk cycle with the desk online: its run at start
	// delivers what is due to the webhook, which holds the first request
	// long, and S on the post just planned asks for another run while
	// that one is under way.
	cycleOnline
	cycleServe // the team desk: crashloop_serve_test.go
	cycleKinds
)

func (k cycleKind) String() string {
	return [...]string{"desk", "import", "send", "online", "serve"}[k]
}

// crashLoop is the state of a run: what the program acknowledged, what the
// webhook received, and the counts printed at the end.
type crashLoop struct {
	t    *testing.T
	d    *desk
	rng  *rand.Rand
	hook *heldHook

	// typical is how long each kind of cycle takes when left to finish;
	// kills are drawn over that span. It follows the runs measured.
	typical [cycleKinds]time.Duration

	saves   []*ackedPost   // desk posts with at least one acknowledged save
	imports []*importBatch // every import started
	checked int            // rotates through the older saves and imports

	cycles, kills, midDelivery int
	sendsChecked               int
	overlaps                   int // online cycles whose S came while a run held a delivery

	signer     gossh.Signer // the key of the team desk's member
	teamSaves  int          // saves a session of the team desk showed as saved
	teamCycles int
}

// ackedPost is a desk post and the content of each save the desk showed as
// saved, by revision.
type ackedPost struct {
	title, link string
	bodies      map[uint64]string
}

// importBatch is one `crieur import`: its posts' titles and bodies, and
// whether it printed that they went in.
type importBatch struct {
	titles, bodies []string
	acked          bool
}

// crashRegressions are runs of the crash loop that found a bug, replayed
// by -crashloop.replay (each takes minutes). Where a kill lands depends on
// the machine's timing, so a replay makes the bug likely, not certain;
// each bug also has a deterministic test, named here.
var crashRegressions = []struct {
	seed   uint64
	cycles int
	found  string
}{
	{1795568336530695140, 710, "a desk killed between planning a post and queueing its send left the post planned " +
		"with nothing queued to send it (store TestPlanAndQueueIsOneTransaction)"},
}

var crashReplay = flag.Bool("crashloop.replay", false, "replay the crash loop runs that found bugs (TestCrashLoopRegressions)")

func TestCrashLoop(t *testing.T) {
	if testing.Short() {
		t.Skip("crash loop; run without -short")
	}
	seed := *crashSeed
	if seed == 0 {
		seed = uint64(time.Now().UnixNano())
	}
	runCrashLoop(t, seed, *crashCycles)
}

func TestCrashLoopRegressions(t *testing.T) {
	if !*crashReplay {
		t.Skip("replays take minutes; run with -crashloop.replay")
	}
	for _, r := range crashRegressions {
		t.Run(fmt.Sprint(r.seed), func(t *testing.T) {
			t.Logf("found: %s", r.found)
			runCrashLoop(t, r.seed, r.cycles)
		})
	}
}

func runCrashLoop(t *testing.T, seed uint64, cycles int) {
	t.Logf("crash loop: seed %d (replay with -crashloop.seed %d), %d cycles", seed, seed, cycles)
	start := time.Now()

	d := newDesk(t)
	cl := &crashLoop{
		t:   t,
		d:   d,
		rng: rand.New(rand.NewPCG(seed, 0x6372696575720a)),
		typical: [cycleKinds]time.Duration{
			cycleDesk:   1500 * time.Millisecond,
			cycleImport: 60 * time.Millisecond,
			cycleSend:   30 * time.Millisecond,
			cycleOnline: 2500 * time.Millisecond,
			cycleServe:  1500 * time.Millisecond,
		},
	}
	cl.hook = newHeldHook(t)
	defer cl.report(t, seed, start)
	cl.settings(d, 0)
	// An empty file: the desk adds its sample week only to a file it
	// creates itself.
	st, err := store.Open(d.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Cycles run in batches, each a subtest, so that the terminals of a
	// batch's desks are released when it ends.
	const batch = 50
	for first := 0; first < cycles; first += batch {
		last := min(first+batch, cycles) - 1
		ok := t.Run(fmt.Sprintf("cycles %05d-%05d", first, last), func(t *testing.T) {
			for i := first; i <= last; i++ {
				kind := cl.kind()
				if i%serveEvery == serveEvery-1 {
					kind = cycleServe
				}
				cl.cycle(t, i, kind)
			}
		})
		if !ok {
			t.Fatalf("cycle %d failed; replay with -crashloop.seed %d -crashloop.cycles %d", cl.cycles-1, seed, cl.cycles)
		}
	}
	// At the end every acknowledged save and import is checked, not only
	// the window of the last cycles.
	if !t.Run("final", func(t *testing.T) { cl.verify(t, true) }) {
		t.Fatalf("the final check failed; replay with -crashloop.seed %d -crashloop.cycles %d", seed, cycles)
	}
}

// report is the line the crash loop ends with, passed or failed.
func (cl *crashLoop) report(t *testing.T, seed uint64, start time.Time) {
	saves := 0
	for _, p := range cl.saves {
		saves += len(p.bodies)
	}
	for _, b := range cl.imports {
		if b.acked {
			saves += len(b.titles)
		}
	}
	t.Logf("crash loop: %d cycles, %d kills (%d mid-delivery), %d saves checked (%d in %d team desk cycles), %d sends checked, %d runs asked for while another held a delivery, in %v (seed %d)",
		cl.cycles, cl.kills, cl.midDelivery, saves, cl.teamSaves, cl.teamCycles, cl.sendsChecked, cl.overlaps, time.Since(start).Round(time.Millisecond), seed)
}

// kind draws the next cycle: the desk most often, since its cycles are
// the ones that queue sends.
func (cl *crashLoop) kind() cycleKind {
	switch n := cl.rng.IntN(20); {
	case n < 7:
		return cycleDesk
	case n < 9:
		return cycleOnline
	case n < 16:
		return cycleSend
	}
	return cycleImport
}

// slotsPerWeek is how many cycles get a slot of their own in one week:
// one a minute, but for the hour of Sunday, 02:00 to 03:00, that the
// changes of the clocks in Paris skip and repeat, which the settings
// refuse.
const slotsPerWeek = 7*24*60 - 60

// settings writes the desk's settings: the webhook destination, and one
// slot in the week, different for every cycle i (see deskCycle).
func (cl *crashLoop) settings(d *desk, i int) {
	minute := 7*24*60 - 1 - i%slotsPerWeek
	if minute < 6*24*60+3*60 { // before Sunday 03:00: skip the hour
		minute -= 60
	}
	days := []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
	slot := fmt.Sprintf("%s %02d:%02d", days[minute/(24*60)], minute%(24*60)/60, minute%60)
	d.destinations(fmt.Sprintf("[week]\nslots = [%q]\n\n", slot) + hookTable(cl.hook.URL+"/crieur") + cl.memberTable())
}

// cycle runs one cycle, killing the program at a random instant or, one
// time in five, letting it finish, then checks the file.
func (cl *crashLoop) cycle(t *testing.T, i int, kind cycleKind) {
	cl.cycles++
	d := *cl.d
	d.t = t
	span := cl.typical[kind]
	var holds []time.Duration
	switch kind {
	case cycleOnline:
		// The first delivery of the desk's run at start is held long
		// enough for S to come while it waits; the others briefly.
		holds = make([]time.Duration, 8)
		holds[0] = time.Duration(800+cl.rng.IntN(1700)) * time.Millisecond
		for j := 1; j < len(holds); j++ {
			holds[j] = time.Duration(cl.rng.IntN(250)) * time.Millisecond
		}
		span += holds[0]
	case cycleSend, cycleServe:
		// The kill is drawn over the start and the deliveries due, each
		// held for its delay.
		holds = make([]time.Duration, 8)
		for j := range holds {
			holds[j] = time.Duration(cl.rng.IntN(250)) * time.Millisecond
		}
		for _, h := range holds[:min(cl.due(t), len(holds))] {
			span += h
		}
	}
	killAt := time.Duration(-1)
	if cl.rng.IntN(5) > 0 {
		killAt = time.Duration(cl.rng.Float64() * 1.2 * float64(span))
	}
	k := &killer{hook: cl.hook}
	began := time.Now()
	switch kind {
	case cycleDesk, cycleOnline:
		cl.settings(&d, i)
		cl.hook.setHolds(holds)
		if kind == cycleOnline {
			// Something due, for the run at start to deliver.
			d.queue(fmt.Sprintf("Online post o%05d", i), "hook")
		}
		cl.deskCycle(t, &d, i, k, killAt, kind == cycleOnline)
	case cycleImport:
		cl.importCycle(t, &d, i, k, killAt)
	case cycleSend:
		cl.sendCycle(t, &d, holds, k, killAt)
	case cycleServe:
		cl.serveCycle(t, &d, i, holds, k, killAt)
	}
	if k.done() {
		cl.kills++
		if k.midDelivery > 0 {
			cl.midDelivery++
		}
	} else if kind != cycleSend && kind != cycleServe {
		cl.typical[kind] = (3*cl.typical[kind] + time.Since(began)) / 4
	}
	cl.verify(t, false)
	if kind == cycleOnline && !k.done() {
		cl.checkNoRunCutAnother(t, began)
	}
}

// checkNoRunCutAnother fails when a send begun in a desk that was not
// killed was recovered as cut short: only a second run of the same desk,
// started while the first one waited for the webhook, does that.
func (cl *crashLoop) checkNoRunCutAnother(t *testing.T, began time.Time) {
	t.Helper()
	st := cl.open(t)
	defer st.Close()
	unknown, err := st.Unresolved()
	if err != nil {
		t.Fatal(err)
	}
	for _, snd := range unknown {
		if a := snd.Last(); a != nil && a.At.After(began) && a.Err == "crieur stopped before the outcome was known" {
			t.Fatalf("send %s, begun at %v by a desk that was never killed, was recovered as cut short by another run of the same desk", snd.ID, a.At)
		}
	}
}

// due counts the sends in the queue whose time has come.
func (cl *crashLoop) due(t *testing.T) int {
	st := cl.open(t)
	defer st.Close()
	due, err := st.Due(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return len(due)
}

// killer sends SIGKILL to the program under test at the instant drawn,
// and tells the cycle whether what it saw came before the kill.
type killer struct {
	mu          sync.Mutex
	timer       *time.Timer
	killed      bool
	hook        *heldHook
	midDelivery int // requests the webhook held, unanswered, at the kill
}

// arm kills p after delay; a negative delay never kills.
func (k *killer) arm(p *os.Process, delay time.Duration) {
	if delay < 0 {
		return
	}
	k.timer = time.AfterFunc(delay, func() {
		k.mu.Lock()
		defer k.mu.Unlock()
		k.midDelivery = k.hook.held()
		if p.Kill() == nil {
			k.killed = true
		}
	})
}

// disarm stops a kill that has not happened: the program has ended.
func (k *killer) disarm() {
	if k.timer != nil {
		k.timer.Stop()
	}
}

// before runs ack if the program has not been killed yet: what the cycle
// saw before calling it happened before any kill.
func (k *killer) before(ack func()) bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.killed {
		ack()
	}
	return !k.killed
}

func (k *killer) done() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.killed
}

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

// start runs crieur with args on the desk's files, its output collected.
func (cl *crashLoop) start(t *testing.T, d *desk, args ...string) (*exec.Cmd, *bytes.Buffer) {
	t.Helper()
	d.settled()
	cmd := exec.Command(binary, append([]string{"--db", d.db, "--config", d.cfg}, args...)...)
	cmd.Env = deskEnv(d)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start crieur %v: %v", args, err)
	}
	return cmd, &out
}

// finish waits for a command and says whether it ran to its end, with
// exit code code; a killed command did not.
func finish(cmd *exec.Cmd, k *killer) (code int, ended bool) {
	err := cmd.Wait()
	k.disarm()
	if k.done() {
		return -1, false
	}
	if exit, ok := err.(*exec.ExitError); ok {
		return exit.ExitCode(), true
	}
	if err != nil {
		return -1, true
	}
	return 0, true
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

func (cl *crashLoop) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(cl.d.db, store.Options{})
	if err != nil {
		t.Fatalf("open the data file after the cycle: %v", err)
	}
	return st
}

// titles maps every post's title to its id.
func titles(t *testing.T, st *store.Store) map[string]string {
	t.Helper()
	sums, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	ids := make(map[string]string, len(sums))
	for _, s := range sums {
		ids[s.Title] = s.ID
	}
	return ids
}

// window is how many of the older saves and imports each cycle checks
// again, in turn; all are checked at the end.
const window = 64

// verify opens the file and checks it: bbolt's check, the acknowledged
// saves and imports (the last cycle's and a window of older ones, or all),
// and the sends the webhook received.
func (cl *crashLoop) verify(t *testing.T, all bool) {
	t.Helper()
	st := cl.open(t)
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatalf("bbolt's check: %v", err)
	}
	ids := titles(t, st)
	cl.checkPlanned(t, st)

	saves, imports := cl.saves, cl.imports
	if !all {
		saves, imports = cl.recent(saves, cl.imports)
	}
	for _, p := range saves {
		cl.checkSaves(t, st, ids, p)
	}
	for _, b := range imports {
		cl.checkImport(t, st, ids, b)
	}
	cl.checkSends(t, st)
}

// recent picks the saves and imports of the last cycle and the next
// window of older ones.
func (cl *crashLoop) recent(saves []*ackedPost, imports []*importBatch) ([]*ackedPost, []*importBatch) {
	n := len(saves) + len(imports)
	if n <= window+1 {
		return saves, imports
	}
	var s []*ackedPost
	var b []*importBatch
	pick := func(j int) {
		if j < len(saves) {
			s = append(s, saves[j])
		} else {
			b = append(b, imports[j-len(saves)])
		}
	}
	pick(len(saves) - 1)
	pick(n - 1)
	for range window {
		cl.checked = (cl.checked + 1) % n
		pick(cl.checked)
	}
	return s, b
}

func (cl *crashLoop) checkSaves(t *testing.T, st *store.Store, ids map[string]string, p *ackedPost) {
	t.Helper()
	id, ok := ids[p.title]
	if !ok {
		t.Fatalf("lost: %q was saved (rev. %v shown as saved) and is not in the file", p.title, slices.Sorted(maps.Keys(p.bodies)))
	}
	revs, err := st.Revisions(id)
	if err != nil {
		t.Fatalf("%q: %v", p.title, err)
	}
	for j, r := range revs {
		if r.Rev != uint64(j+1) {
			t.Fatalf("%q: revision %d where %d should be; revisions %v", p.title, r.Rev, j+1, revNumbers(revs))
		}
	}
	for rev, body := range p.bodies {
		if rev > uint64(len(revs)) {
			t.Fatalf("lost: %q rev. %d was shown as saved; the file has %d revisions", p.title, rev, len(revs))
		}
		r := revs[rev-1]
		if r.Kind != store.RevSave || r.Post.Title != p.title || r.Post.Body != body || r.Post.Link != p.link {
			t.Fatalf("%q rev. %d: the file holds a %s revision %q / %q / %q, want the save of %q", p.title, rev, r.Kind, r.Post.Title, r.Post.Body, r.Post.Link, body)
		}
	}
}

func (cl *crashLoop) checkImport(t *testing.T, st *store.Store, ids map[string]string, b *importBatch) {
	t.Helper()
	var found, missing []string
	for j, title := range b.titles {
		id, ok := ids[title]
		if !ok {
			missing = append(missing, title)
			continue
		}
		found = append(found, title)
		revs, err := st.Revisions(id)
		if err != nil {
			t.Fatalf("%q: %v", title, err)
		}
		if r := revs[0]; r.Rev != 1 || r.Kind != store.RevImport || r.Post.Body != b.bodies[j] {
			t.Fatalf("%q: first revision %d %s %q, want the import of %q", title, r.Rev, r.Kind, r.Post.Body, b.bodies[j])
		}
	}
	switch {
	case len(found) > 0 && len(missing) > 0:
		t.Fatalf("half an import: %v are in the file, %v are not", found, missing)
	case b.acked && len(missing) > 0:
		t.Fatalf("lost: crieur import printed that %v went in; they are not in the file", missing)
	}
}

// checkPlanned checks that every planned post has its send queued: a
// post in a slot with nothing queued would silently never go out.
func (cl *crashLoop) checkPlanned(t *testing.T, st *store.Store) {
	t.Helper()
	sums, err := st.Summaries()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sums {
		if s.Status != store.StatusPlanned {
			continue
		}
		sends, err := st.Sends(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		queued := false
		for _, snd := range sends {
			queued = queued || (snd.Destination == "hook" && snd.State == store.SendQueued)
		}
		if !queued {
			t.Fatalf("%q is planned and nothing is queued to send it: it will not go out (sends %+v)", s.Title, sends)
		}
	}
}

// checkSends compares the send log with what the webhook received: a send
// it received is sending, unknown or sent (sent only if it was answered),
// never queued, failed or cancelled; and nothing it received is in the
// queue again.
func (cl *crashLoop) checkSends(t *testing.T, st *store.Store) {
	t.Helper()
	if problems := cl.hook.problems(); len(problems) > 0 {
		t.Fatalf("the webhook: %s", strings.Join(problems, "; "))
	}
	for _, r := range cl.hook.unsettled() {
		snd, err := st.Send(r.send)
		if err != nil {
			t.Fatalf("the webhook received send %s: %v", r.send, err)
		}
		if snd.Post != r.post {
			t.Fatalf("send %s is of post %s in the file, and carried post %s", r.send, snd.Post, r.post)
		}
		if want := sender.IdempotencyKey(snd.Post, snd.Destination, snd.Hash); r.key != want {
			t.Fatalf("send %s carried the idempotency key %s, want %s (post, destination, seal)", r.send, r.key, want)
		}
		switch snd.State {
		case store.SendSending, store.SendUnknown:
		case store.SendSent:
			if !r.answered {
				t.Fatalf("send %s is sent, but the webhook never answered it", r.send)
			}
		default:
			t.Fatalf("send %s reached the webhook and is %s in the file", r.send, snd.State)
		}
		if snd.State != store.SendSending {
			cl.hook.settle(r.send)
			cl.sendsChecked++
		}
	}
	queued, err := st.Due(time.Now().AddDate(100, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	for _, snd := range queued {
		if cl.hook.received(snd.ID) {
			t.Fatalf("send %s reached the webhook and is queued again", snd.ID)
		}
	}
}

func revNumbers(revs []store.Revision) []uint64 {
	var out []uint64
	for _, r := range revs {
		out = append(out, r.Rev)
	}
	return out
}

// heldHook is the webhook destination: it checks each delivery's
// signature, records it by its send and its post, holds it for the next
// delay the cycle drew, and answers, unless the sender is gone.
type heldHook struct {
	*fakeDestination
	mu         sync.Mutex
	holds      []time.Duration
	deliveries map[string]*delivery // by send id
	posts      map[string]string    // post id -> the first send that carried it
	open       map[string]*delivery // received and not yet settled in the file
	errs       []string
}

type delivery struct {
	send, post string
	key        string // the idempotency key it carried
	answered   bool   // the answer was about to be written
	holding    bool
}

func newHeldHook(t *testing.T) *heldHook {
	h := &heldHook{deliveries: map[string]*delivery{}, posts: map[string]string{}, open: map[string]*delivery{}}
	h.fakeDestination = newFakeDestination(t, h.serve)
	return h
}

func (h *heldHook) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the sender died while sending
	}
	var p sender.WebhookPayload
	key := r.Header.Get(sender.HeaderIdempotency)
	h.mu.Lock()
	switch {
	case r.Header.Get(sender.HeaderSignature) != sender.Sign([]byte(hookSecret), body):
		h.errs = append(h.errs, "a delivery with a bad signature")
	case json.Unmarshal(body, &p) != nil || key == "" || p.SendID == "":
		h.errs = append(h.errs, fmt.Sprintf("a malformed delivery (key %q): %q", key, body))
	case h.deliveries[p.SendID] != nil:
		h.errs = append(h.errs, fmt.Sprintf("send %s delivered twice", p.SendID))
	case h.posts[p.PostID] != "":
		h.errs = append(h.errs, fmt.Sprintf("post %s delivered twice, by sends %s and %s", p.PostID, h.posts[p.PostID], p.SendID))
	}
	d := &delivery{send: p.SendID, post: p.PostID, key: key, holding: true}
	if h.deliveries[p.SendID] == nil {
		h.deliveries[p.SendID] = d
		h.open[p.SendID] = d
	}
	if h.posts[p.PostID] == "" {
		h.posts[p.PostID] = p.SendID
	}
	var hold time.Duration
	if len(h.holds) > 0 {
		hold, h.holds = h.holds[0], h.holds[1:]
	}
	h.mu.Unlock()

	select {
	case <-time.After(hold):
	case <-r.Context().Done():
	}
	h.mu.Lock()
	d.holding = false
	gone := r.Context().Err() != nil
	d.answered = !gone
	h.mu.Unlock()
	if !gone {
		fmt.Fprintf(w, `{"id":"m-%s"}`, p.SendID)
	}
}

func (h *heldHook) setHolds(holds []time.Duration) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.holds = holds
}

// held counts the requests held unanswered now.
func (h *heldHook) held() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, d := range h.open {
		if d.holding {
			n++
		}
	}
	return n
}

func (h *heldHook) problems() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.errs)
}

// unsettled are the deliveries whose send the file has not yet shown
// settled (sent or unknown).
func (h *heldHook) unsettled() []delivery {
	h.mu.Lock()
	defer h.mu.Unlock()
	var out []delivery
	for _, d := range h.open {
		out = append(out, *d)
	}
	return out
}

func (h *heldHook) settle(sendID string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.open, sendID)
}

func (h *heldHook) received(sendID string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.deliveries[sendID] != nil
}
