package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// Every way the desk starts a sending run, while a run is under way
// against a slow destination: the start, the tick, S on the week, U, a
// channel chosen (a new dispatcher on new settings) and the network back.
// The desk only asks its dispatcher; the runs take turns (sender.Runs), so
// the delivery under way keeps its answer and every post reaches the
// destination once.
func TestEveryTriggerWhileARunIsUnderWay(t *testing.T) {
	var mu sync.Mutex
	received := map[string]int{}
	holding, most := 0, 0
	arrived := make(chan string, 8)
	release := make(chan struct{})
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var p sender.WebhookPayload
		if json.NewDecoder(r.Body).Decode(&p) != nil {
			http.Error(w, "bad body", http.StatusBadRequest)
			return
		}
		mu.Lock()
		received[p.PostID]++
		holding++
		most = max(most, holding)
		mu.Unlock()
		arrived <- p.PostID
		<-release
		mu.Lock()
		holding--
		mu.Unlock()
		fmt.Fprintf(w, `{"id":"m-%s"}`, p.SendID)
	}))
	defer hook.Close()
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	defer free()

	day := func(d int) time.Time { return testNow.Add(time.Duration(-d) * 24 * time.Hour) }
	post := func(title string, d int) store.Post {
		return store.Post{Title: title, Body: title + " : les horaires changent.", Link: "https://www.valbourg.fr/" + fmt.Sprint(d), Category: "service", Status: store.StatusReady, Created: day(d)}
	}
	m := newTestModel(t, "en", 120, 30, []store.Post{post("Marché de Noël", 3), post("Piscine fermée", 2), post("Alerte tempête", 1)})
	validated := map[string]store.Post{}
	for _, title := range []string{"Marché de Noël", "Piscine fermée", "Alerte tempête"} {
		p := mustPost(t, m, title)
		p, err := m.st.Validate(p.ID, p.Rev, "Camille")
		if err != nil {
			t.Fatal(err)
		}
		validated[title] = p
	}
	m.settings.Destinations = []settings.Destination{{Name: "hook", Kind: settings.KindWebhook, URL: hook.URL}}
	var runs sender.Runs
	dispatcher := func() *sender.Dispatcher {
		return &sender.Dispatcher{Store: m.st, Settings: m.settings, Now: fixedNow, FollowSettings: true, Runs: &runs,
			Backends: map[string]sender.Backend{"hook": sender.NewWebhook(hook.URL, []byte("s"), nil, sender.WithTimeout(20*time.Second), sender.WithAttempts(1))}}
	}
	m.dispatcher = dispatcher()
	first := validated["Marché de Noël"]
	if _, err := m.st.Queue(first.ID, []string{"hook"}, testNow, false, ""); err != nil {
		t.Fatal(err)
	}
	thursday := store.WeekOf(testNow, m.loc).SlotTime(time.Thursday, 12, 0, m.loc)
	if _, _, err := m.st.PlanAndQueue(validated["Piscine fermée"].ID, thursday, []string{"hook"}); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, m.loadCmd()())

	// The start: its run holds the first delivery. (The helpers give up
	// waiting for a command after a while; the run goes on.)
	m = run(t, m, m.Init())
	if got := <-arrived; got != first.ID {
		t.Fatalf("the first run delivered %s", got)
	}
	m = send(t, m, dispatchTick{})
	m = press(t, m, "w", "j", "S", "y") // Thursday's post, now
	m = press(t, m, "esc", "g", "U")    // the newest: the alert
	m = typeText(t, m, "Vents à 110 km/h")
	m = press(t, m, "enter")
	m = send(t, m, channelChosenMsg{channel: sender.Channel{Name: "Ville"}, settings: m.settings, dispatcher: dispatcher()})
	m.waState = sender.WAConnecting
	m = send(t, m, waTickMsg{state: sender.WAConnected})
	select {
	case got := <-arrived:
		t.Fatalf("a second run delivered %s while the first was under way", got)
	case <-time.After(100 * time.Millisecond):
	}
	free()

	unsent := func() []string {
		var out []string
		for title := range validated {
			if mustPost(t, m, title).Status != store.StatusSent {
				out = append(out, title)
			}
		}
		return out
	}
	deadline := time.Now().Add(20 * time.Second)
	for runs.Busy() || len(unsent()) > 0 {
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s a run is under way (%v) or posts are not sent: %v", runs.Busy(), unsent())
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	for title, p := range validated {
		if received[p.ID] != 1 {
			t.Errorf("%q reached the destination %d times", title, received[p.ID])
		}
		if got := mustPost(t, m, title); got.Status != store.StatusSent {
			t.Errorf("%q is %s, want sent", title, got.Status)
		}
	}
	if most != 1 {
		t.Errorf("the destination held %d requests at once", most)
	}
	if unknown, _ := m.st.Unresolved(); len(unknown) != 0 {
		t.Errorf("sends left unknown: %+v", unknown)
	}
}
