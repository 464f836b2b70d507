package store

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

// SendState is where one send (one post to one destination) stands.
//
//	queued -> sending -> sent | failed | unknown | paste
//	sending -> queued      the attempt never left the machine (RetryNotSent)
//	sending -> paste       the text is ready for a person to post by hand (AwaitPaste)
//	unknown -> sent|failed a person checked the channel (Resolve)
//	paste -> sent|failed   a person posted it, or did not (Resolve)
//	queued -> cancelled    taken out of the queue (Cancel, Unplan)
//
// A send in sending when the file is opened was cut short by a crash: it
// becomes unknown and is never tried again on its own, because a post sent
// twice to thousands of residents is worse than a late one.
type SendState string

// The states of a send.
const (
	SendQueued    SendState = "queued"
	SendSending   SendState = "sending"
	SendSent      SendState = "sent"
	SendFailed    SendState = "failed"
	SendUnknown   SendState = "unknown"
	SendCancelled SendState = "cancelled"
	// SendPaste is a send by copy and paste: its text is ready, in the
	// outbox and on the clipboard, and only the person who posts it knows
	// when it went out. It is not unknown: nothing left the machine by
	// itself, and nothing goes again until a person settles it.
	SendPaste SendState = "paste"
)

// Errors of the send log.
var (
	ErrSealBroken  = errors.New("the message no longer matches what was validated")
	ErrNoSend      = errors.New("no such send")
	ErrAlreadySent = errors.New("the post was already sent there")
	ErrNoReason    = errors.New("an urgent send needs a reason")
	// ErrNoDestination: a post queued to no destination, or to one named
	// empty or twice.
	ErrNoDestination = errors.New("no destination to send to")
)

// Send is one post going to one destination, with every attempt made.
type Send struct {
	ID          string    `json:"id"` // a ULID: sends sort in the order they were queued
	Post        string    `json:"post"`
	Destination string    `json:"destination"` // the back-end's name, e.g. "telegram"
	State       SendState `json:"state"`
	At          time.Time `json:"at"`     // when it is due
	Queued      time.Time `json:"queued"` // when it was put in the queue
	Urgent      bool      `json:"urgent,omitempty"`
	Reason      string    `json:"reason,omitempty"` // why an urgent send could not wait
	// Hash is the seal checked when the last attempt began, and Rev the
	// post's revision that attempt delivered.
	Hash       string      `json:"hash,omitempty"`
	Rev        uint64      `json:"rev,omitempty"`
	Attempts   []Attempt   `json:"attempts,omitempty"`
	Resolution *Resolution `json:"resolution,omitempty"`
}

// Attempt is one delivery, from BeginSend to its outcome.
type Attempt struct {
	At       time.Time `json:"at"`
	Backend  string    `json:"backend"`
	RemoteID string    `json:"remote_id,omitempty"` // the message id the back-end answered
	// ServerID and Channel are a WhatsApp publication's server id, which
	// later edits, deletions and stats refer to, and the channel it was
	// published to (the settings may name another one later).
	ServerID int64  `json:"server_id,omitempty"`
	Channel  string `json:"channel,omitempty"`
	// Code says why the attempt did not go as planned, in a word that
	// stays the same in every language and version (see Failure); Err is
	// the back-end's own words, for the technical record. HTTP is the
	// status the destination answered, when there was one. An attempt
	// recorded before codes existed has Err alone.
	Code  string    `json:"code,omitempty"`
	HTTP  int       `json:"http,omitempty"`
	Err   string    `json:"err,omitempty"`
	State SendState `json:"state"` // sending until the outcome is known
	Ended time.Time `json:"ended,omitzero"`
	// NotSent says the attempt failed before anything left the machine
	// (no network, a refused connection): trying again cannot duplicate.
	NotSent bool `json:"not_sent,omitempty"`
	// Outbox is the file that holds the text of a send by copy and
	// paste, exactly as it is to be posted.
	Outbox string `json:"outbox,omitempty"`
}

// Resolution is a person's answer for a send whose outcome was unknown.
type Resolution struct {
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	Sent bool      `json:"sent"`
}

// Last is the latest attempt, or nil before the first.
func (d Send) Last() *Attempt {
	if len(d.Attempts) == 0 {
		return nil
	}
	return &d.Attempts[len(d.Attempts)-1]
}

// Queue puts a post in the queue for each destination, due at at. Only a
// validated or planned post goes in the queue, or a failed one that a
// person decided to send again; a destination that already has the post,
// or has it on its way, is refused. An urgent send goes out of the slots
// and needs a reason, kept with the send and among the post's events.
func (s *Store) Queue(postID string, destinations []string, at time.Time, urgent bool, reason string) ([]Send, error) {
	return s.queue(postID, destinations, at, urgent, reason, false)
}

// SendNow puts a post in the queue for each destination at at, as Queue,
// in place of the sends it had queued (for its slot, or a run that found
// no network), which are cancelled: in one transaction, so that a crash
// leaves either the old sends queued or the new ones, never a post with
// nothing queued to send it. When the queue refuses, nothing is cancelled.
func (s *Store) SendNow(postID string, destinations []string, at time.Time, urgent bool, reason string) ([]Send, error) {
	return s.queue(postID, destinations, at, urgent, reason, true)
}

// queue is Queue in a transaction of its own, first cancelling the post's
// queued sends when replace is set (SendNow).
func (s *Store) queue(postID string, destinations []string, at time.Time, urgent bool, reason string, replace bool) ([]Send, error) {
	var queued []Send
	err := s.update(func(tx *bolt.Tx) error {
		if replace {
			if err := cancelQueued(tx, postID); err != nil {
				return err
			}
		}
		var err error
		queued, err = s.queueIn(tx, postID, destinations, at, urgent, reason)
		return err
	})
	if err != nil {
		return nil, err
	}
	return queued, nil
}

// queueIn is Queue inside the caller's transaction.
func (s *Store) queueIn(tx *bolt.Tx, postID string, destinations []string, at time.Time, urgent bool, reason string) ([]Send, error) {
	reason = strings.TrimSpace(reason)
	if urgent && reason == "" {
		return nil, fmt.Errorf("queue %s: %w", postID, ErrNoReason)
	}
	if len(destinations) == 0 {
		return nil, fmt.Errorf("queue %s: %w", postID, ErrNoDestination)
	}
	seen := map[string]bool{}
	for _, d := range destinations {
		if strings.TrimSpace(d) == "" || seen[d] {
			return nil, fmt.Errorf("queue %s: %w: destination %q empty or given twice", postID, ErrNoDestination, d)
		}
		seen[d] = true
	}
	now := s.now()
	if at.IsZero() {
		at = now
	}
	p, err := getPost(tx, postID)
	if err != nil {
		return nil, err
	}
	switch p.Status {
	case StatusValidated, StatusPlanned, StatusFailed:
	case StatusSent:
		return nil, fmt.Errorf("post %q: %w; sending it again is a person's decision", p.Title, ErrAlreadySent)
	default:
		return nil, fmt.Errorf("%w: a %s post cannot be queued", ErrStatus, p.Status)
	}
	if err := s.checkSeal(p); err != nil {
		return nil, err
	}
	latest, err := latestSends(tx, postID)
	if err != nil {
		return nil, err
	}
	for _, d := range destinations {
		switch latest[d].State {
		case "", SendFailed:
		case SendSent:
			return nil, fmt.Errorf("post %q to %s: %w; sending it again is a person's decision", p.Title, d, ErrAlreadySent)
		case SendUnknown:
			return nil, fmt.Errorf("%w: post %q to %s may have gone out; check the channel first", ErrStatus, p.Title, d)
		case SendPaste:
			return nil, fmt.Errorf("%w: post %q waits to be pasted to %s; say first whether it went out", ErrStatus, p.Title, d)
		default:
			return nil, fmt.Errorf("%w: post %q is already %s to %s", ErrStatus, p.Title, latest[d].State, d)
		}
	}
	var queued []Send
	for _, d := range destinations {
		id, err := newSendID(tx, now)
		if err != nil {
			return nil, err
		}
		snd := Send{ID: id, Post: postID, Destination: d, State: SendQueued, At: at, Queued: now, Urgent: urgent, Reason: reason}
		if err := putSend(tx, nil, snd); err != nil {
			return nil, err
		}
		queued = append(queued, snd)
	}
	if urgent {
		if err := s.addEvent(tx, postID, Event{At: now, Kind: EventUrgent, Rev: p.Rev, Reason: reason}); err != nil {
			return nil, err
		}
	}
	if _, err := s.settle(tx, p); err != nil {
		return nil, err
	}
	return queued, nil
}

// checkSeal compares what the post would send now with what was validated.
func (s *Store) checkSeal(p Post) error {
	switch {
	case p.Validation == nil:
		return fmt.Errorf("post %q: %w: it was changed since; validate it again", p.Title, ErrSealBroken)
	case s.hash == nil:
		return fmt.Errorf("post %q: %w: no message rule to check it with", p.Title, ErrSealBroken)
	case s.hash(p) != p.Validation.Hash:
		return fmt.Errorf("post %q: %w by %s; validate it again", p.Title, ErrSealBroken, p.Validation.By)
	}
	return nil
}

// BeginSend is written and committed before a delivery starts: the post is
// read again and its message sealed again, and only when the seal is the
// validated one do the send and the post become sending, with a new
// attempt. A broken seal changes nothing. The caller delivers the post it
// gets back, and reports with FinishSend.
func (s *Store) BeginSend(sendID string) (Send, Post, error) {
	var snd Send
	var p Post
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		snd, err = getSend(tx, sendID)
		if err != nil {
			return err
		}
		if snd.State != SendQueued {
			return fmt.Errorf("%w: a %s send cannot begin", ErrStatus, snd.State)
		}
		p, err = getPost(tx, snd.Post)
		if err != nil {
			return err
		}
		if p.Status == StatusArchived || p.Status == StatusSent {
			return fmt.Errorf("%w: post %q is %s", ErrStatus, p.Title, p.Status)
		}
		if err := s.checkSeal(p); err != nil {
			return err
		}
		switch p.Status {
		case StatusValidated, StatusPlanned, StatusSending, StatusFailed, StatusUnknown:
		default:
			return fmt.Errorf("%w: a %s post cannot be sent", ErrStatus, p.Status)
		}
		before := snd
		now := s.now()
		snd.State, snd.Hash = SendSending, p.Validation.Hash
		snd.Attempts = append(snd.Attempts, Attempt{At: now, Backend: snd.Destination, State: SendSending})
		if err := putSend(tx, &before, snd); err != nil {
			return err
		}
		if p, err = s.settle(tx, p); err != nil {
			return err
		}
		snd.Rev = p.Rev
		return putSend(tx, &snd, snd)
	})
	if err != nil {
		return Send{}, Post{}, err
	}
	return snd, p, nil
}

// changeSend applies change to a send in the state from, and saves it with
// its post's new status, in one transaction. what says the state in words
// for the error when the send is in another.
func (s *Store) changeSend(sendID string, from SendState, what string, change func(*bolt.Tx, *Send) error) (Send, error) {
	var snd Send
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		snd, err = getSend(tx, sendID)
		if err != nil {
			return err
		}
		if snd.State != from {
			return fmt.Errorf("%w: the send is %s, not %s", ErrStatus, snd.State, what)
		}
		before := snd
		if err := change(tx, &snd); err != nil {
			return err
		}
		return s.putSendAndSettle(tx, &before, snd)
	})
	if err != nil {
		return Send{}, err
	}
	return snd, nil
}

// RecoverSending turns every send left in sending, by a crash or a closed
// laptop, into unknown, with its post: nobody knows whether it went out.
// They are never tried again on their own; Unresolved lists them. Opening
// the desk with nothing to recover writes nothing.
func (s *Store) RecoverSending() (int, error) {
	var ids []string
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		ids, err = openSends(tx, SendSending)
		return err
	})
	if err != nil || len(ids) == 0 {
		return 0, err
	}
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		n = 0
		ids, err := openSends(tx, SendSending)
		if err != nil {
			return err
		}
		for _, id := range ids {
			snd, err := getSend(tx, id)
			if err != nil {
				return err
			}
			before := snd
			snd.State = SendUnknown
			snd.Attempts = append([]Attempt(nil), snd.Attempts...)
			if a := snd.Last(); a != nil {
				a.State, a.Ended = SendUnknown, s.now()
				if a.Err == "" && a.Code == "" {
					a.Code, a.Err = CodeInterrupted, "crieur stopped before the outcome was known"
				}
			}
			if err := s.putSendAndSettle(tx, &before, snd); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// Cancel takes a queued send out of the queue. It stays in the log.
func (s *Store) Cancel(sendID string) (Send, error) {
	return s.changeSend(sendID, SendQueued, "queued", func(_ *bolt.Tx, snd *Send) error {
		snd.State = SendCancelled
		return nil
	})
}

// Send reads one send.
func (s *Store) Send(sendID string) (Send, error) {
	var snd Send
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		snd, err = getSend(tx, sendID)
		return err
	})
	return snd, err
}

// Sends lists a post's sends, oldest first.
func (s *Store) Sends(postID string) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = postSends(tx, postID)
		return err
	})
	return out, err
}

// Due lists the queued sends whose time has come, the oldest due first.
func (s *Store) Due(now time.Time) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		queue, err := bucket(tx, bucketQueue)
		if err != nil {
			return err
		}
		end := timeKey(now)
		c := queue.Cursor()
		for k, _ := c.First(); k != nil && bytes.Compare(k[:min(8, len(k))], end) <= 0; k, _ = c.Next() {
			if len(k) <= 8 {
				return fmt.Errorf("%w: queue key %x", ErrCorrupt, k)
			}
			snd, err := getSend(tx, string(k[8:]))
			if err != nil {
				return err
			}
			if snd.State == SendQueued {
				out = append(out, snd)
			}
		}
		return nil
	})
	return out, err
}

// settle gives the post the status its sends add up to, taking for each
// destination its latest send that was not cancelled: sending while one is
// under way; unknown if one may or may not have gone out; failed if one
// did not go; sent when all went; sending when some went and the rest
// wait in the queue; and while all wait, validated or planned (back where
// it stood before, for a failed post queued again). The change is a
// revision of kind RevSend.
func (s *Store) settle(tx *bolt.Tx, p Post) (Post, error) {
	latest, err := latestSends(tx, p.ID)
	if err != nil || len(latest) == 0 {
		return p, err
	}
	count := map[SendState]int{}
	for _, snd := range latest {
		count[snd.State]++
	}
	to := p.Status
	switch {
	case count[SendSending] > 0:
		to = StatusSending
	case count[SendUnknown] > 0:
		to = StatusUnknown
	case count[SendFailed] > 0:
		to = StatusFailed
	case count[SendPaste] > 0:
		// On its way, by the hand of the person who pastes it.
		to = StatusSending
	case count[SendQueued] == 0:
		to = StatusSent
	case count[SendSent] > 0:
		to = StatusSending
	case p.Status == StatusValidated || p.Status == StatusPlanned:
	case p.Slot.IsZero():
		to = StatusValidated
	default:
		to = StatusPlanned
	}
	if to == p.Status {
		return p, nil
	}
	p.Status = to
	return s.putMachinePost(tx, p, RevSend)
}

// putMachinePost saves a status change the desk makes by itself (a send,
// the week plan) without dropping the working copy of someone typing in
// the post at that moment: putPost drops it, as a save does.
func (s *Store) putMachinePost(tx *bolt.Tx, p Post, kind string) (Post, error) {
	working, err := bucket(tx, bucketWorking)
	if err != nil {
		return p, err
	}
	var kept []byte
	key := workingKey(p.ID, s.who)
	if v := working.Get(key); v != nil {
		kept = append([]byte(nil), v...)
	}
	saved, err := s.putPost(tx, p, kind, 0)
	if err != nil || kept == nil {
		return saved, err
	}
	return saved, working.Put(key, kept)
}

// putSendAndSettle writes a send, then moves its post to match.
func (s *Store) putSendAndSettle(tx *bolt.Tx, before *Send, snd Send) error {
	if err := putSend(tx, before, snd); err != nil {
		return err
	}
	p, err := getPost(tx, snd.Post)
	if err != nil {
		return err
	}
	_, err = s.settle(tx, p)
	return err
}

func getSend(tx *bolt.Tx, id string) (Send, error) {
	var snd Send
	b, err := bucket(tx, bucketSends)
	if err != nil {
		return snd, err
	}
	v := b.Get([]byte(id))
	if v == nil {
		return snd, fmt.Errorf("%w: %s", ErrNoSend, id)
	}
	if err := decodeJSON(v, &snd); err != nil {
		return snd, fmt.Errorf("send %s: %w", id, err)
	}
	return snd, nil
}

// putSend writes a send and keeps the indexes in step with its state:
// the post's list (once, when the send is new), the queue while it is
// queued, and the open sends while it is sending, unknown or to paste.
// before is the stored version, nil for a new send.
func putSend(tx *bolt.Tx, before *Send, snd Send) error {
	val, err := encodeJSON(snd)
	if err != nil {
		return err
	}
	var bs [4]*bolt.Bucket
	for i, name := range [][]byte{bucketSends, bucketPostSends, bucketQueue, bucketOpenSends} {
		if bs[i], err = bucket(tx, name); err != nil {
			return err
		}
	}
	sends, bypost, queue, open := bs[0], bs[1], bs[2], bs[3]
	id := []byte(snd.ID)
	if before == nil {
		sends.FillPercent, bypost.FillPercent = appendFill, appendFill
		if err := bypost.Put(postSendKey(snd.Post, snd.ID), []byte{}); err != nil {
			return err
		}
	} else if before.State == SendQueued {
		if err := queue.Delete(append(timeKey(before.At), id...)); err != nil {
			return err
		}
	}
	if snd.State == SendQueued {
		if err := queue.Put(append(timeKey(snd.At), id...), []byte{}); err != nil {
			return err
		}
	}
	if snd.State == SendSending || snd.State == SendUnknown || snd.State == SendPaste {
		err = open.Put(id, []byte(snd.State))
	} else {
		err = open.Delete(id)
	}
	if err != nil {
		return err
	}
	return sends.Put(id, val)
}

// postSends reads a post's sends, oldest first.
func postSends(tx *bolt.Tx, postID string) ([]Send, error) {
	bypost, err := bucket(tx, bucketPostSends)
	if err != nil {
		return nil, err
	}
	prefix := postSendKey(postID, "")
	var out []Send
	c := bypost.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		snd, err := getSend(tx, string(k[len(prefix):]))
		if err != nil {
			return nil, err
		}
		out = append(out, snd)
	}
	return out, nil
}

// latestSends is each destination's latest send that was not cancelled.
func latestSends(tx *bolt.Tx, postID string) (map[string]Send, error) {
	all, err := postSends(tx, postID)
	if err != nil {
		return nil, err
	}
	latest := make(map[string]Send, len(all))
	for _, snd := range all {
		if snd.State != SendCancelled {
			latest[snd.Destination] = snd
		}
	}
	return latest, nil
}

// newSendID returns a ULID greater than every send id in the file, even
// when the clock stands still or goes back, so that the log's order is the
// order sends were queued in.
func newSendID(tx *bolt.Tx, now time.Time) (string, error) {
	sends, err := bucket(tx, bucketSends)
	if err != nil {
		return "", err
	}
	id, err := ulid.New(ulid.Timestamp(now), rand.Reader)
	if err != nil {
		return "", err
	}
	last, _ := sends.Cursor().Last()
	if last == nil {
		return id.String(), nil
	}
	prev, err := ulid.ParseStrict(string(last))
	if err != nil || id.Compare(prev) > 0 {
		return id.String(), nil
	}
	// Same millisecond or earlier: the previous id plus one.
	next := prev
	for i := len(next) - 1; i >= 0; i-- {
		next[i]++
		if next[i] != 0 {
			break
		}
	}
	return next.String(), nil
}

// timeKey is an instant as 8 bytes that sort in time order.
func timeKey(t time.Time) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(t.UnixNano())^1<<63)
}

func postSendKey(postID, sendID string) []byte {
	k := make([]byte, 0, len(postID)+1+len(sendID))
	k = append(k, postID...)
	k = append(k, 0)
	return append(k, sendID...)
}
