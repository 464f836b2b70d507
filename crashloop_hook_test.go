package main

// The crash loop's webhook (crashloop_test.go), which holds each delivery
// for a while and records what it received.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"crieur/sender"
)

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
