// Package wafake is a programmable sender.WhatsApp for tests in any
// package: the desk, the dispatcher and the CLI are exercised against it
// instead of WhatsApp's servers.
//
// A Fake starts linked and connected, with an account and no channels.
// Tests then set what they need and assert on what was asked of it:
//
//	f := wafake.New()
//	f.SetState(sender.WAOffline)                  // Publish now fails with ErrNotConnected
//	f.SetChannels(sender.Channel{JID: "1@newsletter", Name: "Ville", Role: "owner"})
//	f.SetInvite("AbCd", ch)                       // ChannelFromInvite("https://whatsapp.com/channel/AbCd")
//	f.ScriptLink(wafake.QR("code-1", 60*time.Second), wafake.Done("+33 6 12 34 56 78"))
//	f.PublishReturns(wafake.Result{Hang: true})   // next Publish blocks until ctx is done: ErrNoAck
//	f.PublishReturns(wafake.Result{Err: sender.ErrRejected})
//	f.EditReturns(sender.ErrRejected)             // next Edit fails
//	f.SetStats("1@newsletter", 101, sender.WAStats{Views: 40})
//	...
//	f.Calls()                                     // every call, in order, with its arguments and result
//	f.Live("1@newsletter")                        // the channel as followers see it now
//
// Queued results are used one per call, in order; when the queue is empty
// a call succeeds: Publish then gives message ids "msg-1", "msg-2"... and
// server ids 101, 102... Whatever is queued, a call made while the state
// is not WAConnected fails first the way the real client does
// (ErrNotLinked, ErrLoggedOut or ErrNotConnected) and uses no queued
// result.
//
// Every method is safe for concurrent use.
package wafake

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"crieur/sender"
)

// Method names, as recorded in Call.Method.
const (
	MethodLink              = "Link"
	MethodUnlink            = "Unlink"
	MethodChannels          = "Channels"
	MethodChannelFromInvite = "ChannelFromInvite"
	MethodPublish           = "Publish"
	MethodEdit              = "Edit"
	MethodDelete            = "Delete"
	MethodStats             = "Stats"
)

// DefaultAccount is the account of a new Fake.
const DefaultAccount = "+33 6 00 00 00 00 (Test)"

// Result is the outcome of one Publish.
type Result struct {
	// Receipt is returned as given when its MessageID is set; otherwise
	// the fake numbers the message itself.
	Receipt sender.WAReceipt
	Err     error
	// Hang blocks until the call's context is done, then returns an
	// error wrapping sender.ErrNoAck and the context's error: a request
	// that left and was never answered. The message counts as published
	// (Live shows it), as it may well be.
	Hang bool
}

// Call is one call made on the fake, with its arguments and result.
type Call struct {
	Method    string
	Channel   string
	Phone     string // Link
	Invite    string // ChannelFromInvite
	Message   sender.WAMessage
	Receipt   sender.WAReceipt // Publish: the receipt returned; Edit, Delete: the one given
	ServerIDs []int64          // Stats
	Err       error            // what the call returned
}

// Message is a message as the channel shows it now.
type Message struct {
	Receipt sender.WAReceipt
	Message sender.WAMessage // the latest text, after edits
	Edits   int
	Deleted bool
}

// Fake is a programmable sender.WhatsApp. Use New.
type Fake struct {
	mu      sync.Mutex
	now     func() time.Time
	state   sender.WAState
	account string

	link     []sender.LinkEvent
	linkErr  error
	linkFeed chan sender.LinkEvent // events Emit adds to the link under way

	channels    []sender.Channel
	channelsErr error
	invites     map[string]sender.Channel

	publish   []Result
	edits     []error
	deletes   []error
	statsErr  []error
	stats     map[string]map[int64]sender.WAStats
	unlinkErr error

	seq   int64
	live  map[string][]*Message
	calls []Call
}

var _ sender.WhatsApp = (*Fake)(nil)

// New is a linked, connected fake with DefaultAccount and no channels.
func New() *Fake {
	return &Fake{
		now:     time.Now,
		state:   sender.WAConnected,
		account: DefaultAccount,
		invites: map[string]sender.Channel{},
		stats:   map[string]map[int64]sender.WAStats{},
		live:    map[string][]*Message{},
	}
}

// SetClock sets the time of the receipts the fake gives.
func (f *Fake) SetClock(now func() time.Time) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if now != nil {
		f.now = now
	}
}

// SetState sets the connection state.
func (f *Fake) SetState(s sender.WAState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.state = s
}

// SetAccount sets the linked account ("" for none).
func (f *Fake) SetAccount(account string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.account = account
}

// QR is a link event carrying a QR code that lives for ttl.
func QR(code string, ttl time.Duration) sender.LinkEvent {
	return sender.LinkEvent{Kind: sender.LinkQR, Code: code, Expires: time.Now().Add(ttl)}
}

// PairCode is a link event carrying the code to type on the phone.
func PairCode(code string) sender.LinkEvent {
	return sender.LinkEvent{Kind: sender.LinkPairCode, Code: code}
}

// Done is the link event of a successful link to account.
func Done(account string) sender.LinkEvent {
	return sender.LinkEvent{Kind: sender.LinkDone, Account: account}
}

// Expired is the link event of codes nobody scanned in time.
func Expired() sender.LinkEvent { return sender.LinkEvent{Kind: sender.LinkExpired} }

// Failed is the link event of a link that failed with err.
func Failed(err error) sender.LinkEvent { return sender.LinkEvent{Kind: sender.LinkFailed, Err: err} }

// ScriptLink sets the events the next Link sends, in order. When the last
// one is not LinkDone, LinkExpired or LinkFailed, the channel stays open
// for events added with Emit until the caller's context is done. A
// LinkDone sets the state to connected and the account to its Account.
func (f *Fake) ScriptLink(events ...sender.LinkEvent) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.link = slices.Clone(events)
}

// LinkReturns makes the next Link fail at once with err (nil undoes it).
func (f *Fake) LinkReturns(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.linkErr = err
}

// Emit adds an event to the link under way, after its scripted events. It
// reports false when no link is waiting for events.
func (f *Fake) Emit(ev sender.LinkEvent) bool {
	f.mu.Lock()
	feed := f.linkFeed
	f.mu.Unlock()
	if feed == nil {
		return false
	}
	select {
	case feed <- ev:
		return true
	default:
		return false
	}
}

// SetChannels sets the channels Channels lists. It gives them all, with
// every role, as the real client filters to owner and admin itself.
func (f *Fake) SetChannels(chs ...sender.Channel) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.channels = slices.Clone(chs)
}

// ChannelsReturns makes Channels fail with err (nil undoes it).
func (f *Fake) ChannelsReturns(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.channelsErr = err
}

// SetInvite makes ChannelFromInvite find ch behind the invite code (the
// last part of the link); an unknown code fails.
func (f *Fake) SetInvite(code string, ch sender.Channel) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.invites[code] = ch
}

// PublishReturns queues the results of the next Publish calls.
func (f *Fake) PublishReturns(results ...Result) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.publish = append(f.publish, results...)
}

// EditReturns queues the errors of the next Edit calls (nil: success).
func (f *Fake) EditReturns(errs ...error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.edits = append(f.edits, errs...)
}

// DeleteReturns queues the errors of the next Delete calls (nil: success).
func (f *Fake) DeleteReturns(errs ...error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.deletes = append(f.deletes, errs...)
}

// StatsReturns queues the errors of the next Stats calls (nil: success).
func (f *Fake) StatsReturns(errs ...error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.statsErr = append(f.statsErr, errs...)
}

// UnlinkReturns makes Unlink fail with err (nil undoes it).
func (f *Fake) UnlinkReturns(err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.unlinkErr = err
}

// SetStats sets what Stats gives for a message of a channel.
func (f *Fake) SetStats(channel string, serverID int64, st sender.WAStats) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stats[channel] == nil {
		f.stats[channel] = map[int64]sender.WAStats{}
	}
	st.Reactions = maps.Clone(st.Reactions)
	f.stats[channel][serverID] = st
}

// Calls is every call made so far, in order.
func (f *Fake) Calls() []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// CallsOf is the calls of one method, in order.
func (f *Fake) CallsOf(method string) []Call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Call
	for _, c := range f.calls {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// Live is what a channel holds: every message published to it (those
// whose Publish hung included), oldest first, with edits applied and
// deletions marked.
func (f *Fake) Live(channel string) []Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]Message, 0, len(f.live[channel]))
	for _, m := range f.live[channel] {
		out = append(out, *m)
	}
	return out
}

// State implements sender.WhatsApp.
func (f *Fake) State() sender.WAState {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state
}

// Account implements sender.WhatsApp.
func (f *Fake) Account() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.state == sender.WANotLinked {
		return ""
	}
	return f.account
}

// gate is the error a call gets in the current state; f.mu is held.
func (f *Fake) gate() error {
	switch f.state {
	case sender.WAConnected:
		return nil
	case sender.WANotLinked:
		return sender.ErrNotLinked
	case sender.WALoggedOut:
		return sender.ErrLoggedOut
	default:
		return sender.ErrNotConnected
	}
}

func (f *Fake) record(c Call) {
	f.calls = append(f.calls, c)
}

// Link implements sender.WhatsApp.
func (f *Fake) Link(ctx context.Context, phone string) (<-chan sender.LinkEvent, error) {
	f.mu.Lock()
	err := f.linkErr
	events := f.link
	f.link = nil
	var feed chan sender.LinkEvent
	if err == nil {
		feed = make(chan sender.LinkEvent, 16)
		f.linkFeed = feed
	}
	f.record(Call{Method: MethodLink, Phone: phone, Err: err})
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	out := make(chan sender.LinkEvent)
	go f.runLink(ctx, events, feed, out)
	return out, nil
}

func (f *Fake) runLink(ctx context.Context, events []sender.LinkEvent, feed chan sender.LinkEvent, out chan<- sender.LinkEvent) {
	defer func() {
		f.mu.Lock()
		if f.linkFeed == feed {
			f.linkFeed = nil
		}
		f.mu.Unlock()
		close(out)
	}()
	next := func() (sender.LinkEvent, bool) {
		if len(events) > 0 {
			ev := events[0]
			events = events[1:]
			return ev, true
		}
		select {
		case ev := <-feed:
			return ev, true
		case <-ctx.Done():
			return sender.LinkEvent{}, false
		}
	}
	for {
		ev, ok := next()
		if !ok {
			return
		}
		if ev.Kind == sender.LinkDone {
			f.mu.Lock()
			f.state, f.account = sender.WAConnected, ev.Account
			f.mu.Unlock()
		}
		select {
		case out <- ev:
		case <-ctx.Done():
			return
		}
		switch ev.Kind {
		case sender.LinkDone, sender.LinkExpired, sender.LinkFailed:
			return
		}
	}
}

// Unlink implements sender.WhatsApp.
func (f *Fake) Unlink(ctx context.Context) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.unlinkErr
	if err == nil {
		f.state, f.account = sender.WANotLinked, ""
	}
	f.record(Call{Method: MethodUnlink, Err: err})
	return err
}

// Channels implements sender.WhatsApp.
func (f *Fake) Channels(ctx context.Context) ([]sender.Channel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.gate()
	if err == nil {
		err = f.channelsErr
	}
	f.record(Call{Method: MethodChannels, Err: err})
	if err != nil {
		return nil, err
	}
	return slices.Clone(f.channels), nil
}

// ChannelFromInvite implements sender.WhatsApp. It takes the code after
// the last slash of the link, so full links and bare codes both work.
func (f *Fake) ChannelFromInvite(ctx context.Context, link string) (sender.Channel, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.gate()
	var ch sender.Channel
	if err == nil {
		code := strings.TrimRight(strings.TrimSpace(link), "/")
		code = code[strings.LastIndex(code, "/")+1:]
		var ok bool
		if ch, ok = f.invites[code]; !ok {
			err = fmt.Errorf("no channel behind the invite %q", link)
		}
	}
	f.record(Call{Method: MethodChannelFromInvite, Invite: link, Err: err})
	return ch, err
}

// Publish implements sender.WhatsApp.
func (f *Fake) Publish(ctx context.Context, channel string, msg sender.WAMessage) (sender.WAReceipt, error) {
	f.mu.Lock()
	if err := f.gate(); err != nil {
		f.record(Call{Method: MethodPublish, Channel: channel, Message: msg, Err: err})
		f.mu.Unlock()
		return sender.WAReceipt{}, err
	}
	var res Result
	if len(f.publish) > 0 {
		res, f.publish = f.publish[0], f.publish[1:]
	}
	rc := res.Receipt
	if rc.MessageID == "" && (res.Err == nil || res.Hang) {
		f.seq++
		rc = sender.WAReceipt{MessageID: fmt.Sprintf("msg-%d", f.seq), ServerID: 100 + f.seq, At: f.now()}
	}
	if res.Err == nil {
		f.live[channel] = append(f.live[channel], &Message{Receipt: rc, Message: msg})
	}
	if !res.Hang {
		if res.Err != nil {
			rc = sender.WAReceipt{}
		}
		f.record(Call{Method: MethodPublish, Channel: channel, Message: msg, Receipt: rc, Err: res.Err})
		f.mu.Unlock()
		return rc, res.Err
	}
	f.mu.Unlock()
	<-ctx.Done()
	err := fmt.Errorf("%w: %w", sender.ErrNoAck, ctx.Err())
	f.mu.Lock()
	f.record(Call{Method: MethodPublish, Channel: channel, Message: msg, Err: err})
	f.mu.Unlock()
	return sender.WAReceipt{}, err
}

// find is the live message with the receipt's ids; f.mu is held.
func (f *Fake) find(channel string, rc sender.WAReceipt) *Message {
	for _, m := range f.live[channel] {
		if (rc.ServerID != 0 && m.Receipt.ServerID == rc.ServerID) ||
			(rc.ServerID == 0 && m.Receipt.MessageID == rc.MessageID) {
			return m
		}
	}
	return nil
}

// Edit implements sender.WhatsApp.
func (f *Fake) Edit(ctx context.Context, channel string, sent sender.WAReceipt, msg sender.WAMessage) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.gate()
	if err == nil && len(f.edits) > 0 {
		err, f.edits = f.edits[0], f.edits[1:]
	}
	if err == nil {
		if m := f.find(channel, sent); m != nil {
			m.Message, m.Edits = msg, m.Edits+1
		}
	}
	f.record(Call{Method: MethodEdit, Channel: channel, Message: msg, Receipt: sent, Err: err})
	return err
}

// Delete implements sender.WhatsApp.
func (f *Fake) Delete(ctx context.Context, channel string, sent sender.WAReceipt) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.gate()
	if err == nil && len(f.deletes) > 0 {
		err, f.deletes = f.deletes[0], f.deletes[1:]
	}
	if err == nil {
		if m := f.find(channel, sent); m != nil {
			m.Deleted = true
		}
	}
	f.record(Call{Method: MethodDelete, Channel: channel, Receipt: sent, Err: err})
	return err
}

// Stats implements sender.WhatsApp.
func (f *Fake) Stats(ctx context.Context, channel string, serverIDs []int64) (map[int64]sender.WAStats, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	err := f.gate()
	if err == nil && len(f.statsErr) > 0 {
		err, f.statsErr = f.statsErr[0], f.statsErr[1:]
	}
	f.record(Call{Method: MethodStats, Channel: channel, ServerIDs: slices.Clone(serverIDs), Err: err})
	if err != nil {
		return nil, err
	}
	out := map[int64]sender.WAStats{}
	for _, id := range serverIDs {
		if st, ok := f.stats[channel][id]; ok {
			st.Reactions = maps.Clone(st.Reactions)
			out[id] = st
		}
	}
	return out, nil
}
