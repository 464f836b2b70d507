package sender

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"crieur/store"
)

// slowHook is a webhook receiver that holds every request until released,
// and counts the requests it holds at once and each post it received.
type slowHook struct {
	*httptest.Server
	release chan struct{}
	freed   sync.Once
	arrived chan string // the post id of each request, as it arrives

	mu       sync.Mutex
	holding  int
	most     int
	received map[string]int
}

func newSlowHook(t *testing.T) *slowHook {
	h := &slowHook{release: make(chan struct{}), arrived: make(chan string, 16), received: map[string]int{}}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p WebhookPayload
		if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		h.mu.Lock()
		h.holding++
		h.most = max(h.most, h.holding)
		h.received[p.PostID]++
		h.mu.Unlock()
		h.arrived <- p.PostID
		<-h.release
		h.mu.Lock()
		h.holding--
		h.mu.Unlock()
		fmt.Fprintf(w, `{"id":"m-%s"}`, p.SendID)
	}))
	t.Cleanup(h.Close)
	t.Cleanup(h.free) // before the server closes, even when a test fails
	return h
}

// free answers every request held and to come.
func (h *slowHook) free() { h.freed.Do(func() { close(h.release) }) }

// Every trigger of a run while one is under way against a slow server:
// the desk's start, its tick, S (send now), U (urgent), a channel chosen
// (a new dispatcher, on new settings, sharing the runs) and the network
// back. The delivery under way keeps its answer, nothing is recovered as
// cut short, every post reaches the server once, and the sends queued by
// S and U while the first run was under way go in the run that follows.
func TestRunsOneAtATimeUnderEveryTrigger(t *testing.T) {
	hook := newSlowHook(t)
	var runs Runs
	backends := func() map[string]Backend {
		return map[string]Backend{"hook": newHook(hook.URL, WithTimeout(20*time.Second), WithAttempts(1))}
	}
	sd := newSendDesk(t, backends())
	sd.d.Runs = &runs
	first, _ := sd.queued("Marché de Noël", "hook")

	type outcome struct {
		trigger string
		report  Report
		err     error
	}
	done := make(chan outcome, 8)
	request := func(trigger string, d *Dispatcher, before func() error) {
		go func() {
			if before != nil {
				if err := before(); err != nil {
					done <- outcome{trigger: trigger, err: err}
					return
				}
			}
			r, err := d.RunDue(context.Background())
			done <- outcome{trigger, r, err}
		}()
	}

	request("start-up", sd.d, nil)
	if got := <-hook.arrived; got != first.ID {
		t.Fatalf("the first run delivered %s", got)
	}
	if !runs.Busy() {
		t.Error("a run is under way and Runs does not say so")
	}

	// While the first delivery is held, every trigger asks for a run.
	sendNow := sd.validated("Piscine fermée")
	urgent := sd.validated("Alerte tempête")
	chosen := &Dispatcher{Store: sd.st, Settings: sd.d.Settings, Backends: backends(), Runs: &runs}
	var queueing sync.WaitGroup
	queueing.Add(2)
	request("tick", sd.d, nil)
	request("S", sd.d, func() error {
		defer queueing.Done()
		_, err := sd.st.SendNow(sendNow.ID, []string{"hook"}, time.Now(), false, "")
		return err
	})
	request("U", sd.d, func() error {
		defer queueing.Done()
		_, err := sd.st.SendNow(urgent.ID, []string{"hook"}, time.Now(), true, "vents à 110 km/h")
		return err
	})
	request("channel chosen", chosen, nil)
	request("reconnection", sd.d, nil)
	queueing.Wait()
	select {
	case got := <-hook.arrived:
		t.Fatalf("a second run delivered %s while the first was under way", got)
	case <-time.After(200 * time.Millisecond):
	}
	hook.free()

	byTrigger := map[string]Report{}
	for range 6 {
		o := <-done
		if o.err != nil {
			t.Fatalf("%s: %v", o.trigger, o.err)
		}
		if o.report.Recovered != 0 {
			t.Errorf("%s: a run recovered %d sends as cut short", o.trigger, o.report.Recovered)
		}
		byTrigger[o.trigger] = o.report
	}
	if got := results(byTrigger["start-up"]); len(got) != 1 || got[0] != ResultSent {
		t.Errorf("the first run: %v", got)
	}
	// The requests made meanwhile shared one run, which sent what S and U
	// queued.
	follow := byTrigger["tick"]
	if got := results(follow); len(got) != 2 || got[0] != ResultSent || got[1] != ResultSent {
		t.Errorf("the run that followed: %+v", follow.Sends)
	}
	for _, trigger := range []string{"S", "U", "channel chosen", "reconnection"} {
		if fmt.Sprint(byTrigger[trigger].Sends) != fmt.Sprint(follow.Sends) {
			t.Errorf("%s got its own run: %+v", trigger, byTrigger[trigger].Sends)
		}
	}
	for _, p := range []store.Post{first, sendNow, urgent} {
		if n := hook.received[p.ID]; n != 1 {
			t.Errorf("%q reached the server %d times", p.Title, n)
		}
		if got := sd.status(p.ID); got != store.StatusSent {
			t.Errorf("%q is %s, want sent", p.Title, got)
		}
	}
	if hook.most != 1 {
		t.Errorf("the server held %d requests at once", hook.most)
	}
	if runs.Busy() {
		t.Error("a run is still under way")
	}
}

// A request that stops waiting leaves the run it joined to the others.
func TestRunsRequestThatStopsWaiting(t *testing.T) {
	hook := newSlowHook(t)
	var runs Runs
	sd := newSendDesk(t, map[string]Backend{"hook": newHook(hook.URL, WithTimeout(20*time.Second), WithAttempts(1))})
	sd.d.Runs = &runs
	sd.queued("Marché de Noël", "hook")

	firstDone := make(chan error, 1)
	go func() { _, err := sd.d.RunDue(context.Background()); firstDone <- err }()
	<-hook.arrived

	ctx, cancel := context.WithCancel(context.Background())
	gaveUp := make(chan error, 1)
	go func() { _, err := sd.d.RunDue(ctx); gaveUp <- err }()
	stays := make(chan Report, 1)
	go func() { r, _ := sd.d.RunDue(context.Background()); stays <- r }()
	later := sd.validated("Piscine fermée")
	if _, err := sd.st.Queue(later.ID, []string{"hook"}, time.Now(), false, ""); err != nil {
		t.Fatal(err)
	}
	time.Sleep(50 * time.Millisecond) // both requests are waiting
	cancel()
	if err := <-gaveUp; err != context.Canceled {
		t.Fatalf("the request that stopped waiting returned %v", err)
	}
	hook.release <- struct{}{}
	if err := <-firstDone; err != nil {
		t.Fatal(err)
	}
	if got := <-hook.arrived; got != later.ID {
		t.Fatalf("the run that followed delivered %s", got)
	}
	hook.free()
	if r := <-stays; len(r.Sends) != 1 || r.Sends[0].Result != ResultSent {
		t.Errorf("the run that followed: %+v", r.Sends)
	}
}
