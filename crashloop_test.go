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
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"crieur/store"
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

func (cl *crashLoop) open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(cl.d.db, store.Options{})
	if err != nil {
		t.Fatalf("open the data file after the cycle: %v", err)
	}
	return st
}
