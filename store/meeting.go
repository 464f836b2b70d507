package store

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The editorial meeting: on Tuesday the team decides, topic by topic, what
// goes out in the coming week (a slot reserved for it, who writes it, the
// angle), what waits for a later week, and what is dropped. A meeting is
// kept as a record (when, who was there, what was decided) and each
// decision is also an event on its post, so the post's history tells it.

// Decisions a meeting takes on a topic.
const (
	DecideThisWeek = "this week" // a slot is reserved, a writer named, an angle given
	DecideLater    = "later"     // back on the agenda of a target week
	DecideDropped  = "dropped"   // archived, with the reason
)

// Kinds of event of the meeting.
const (
	EventDecided  = "decided"  // a meeting decided about the post: Topic says what
	EventReleased = "released" // the slot reserved for the post was given back
)

// RevDecide is the kind of revision a meeting's decision makes.
const RevDecide = "decision"

// Errors of the meeting.
var (
	ErrNoMeeting     = errors.New("no meeting recorded at that time")
	ErrSlotReserved  = errors.New("that slot is reserved for another topic")
	ErrSlotPast      = errors.New("that slot is already past")
	ErrBadDecision   = errors.New("that decision is not complete")
	ErrNoReservation = errors.New("the post has no slot reserved")
)

// Topic is what a meeting decided about a post.
type Topic struct {
	Decision  string    `json:"decision"` // DecideThisWeek, DecideLater or DecideDropped
	Meeting   time.Time `json:"meeting"`  // when the meeting was held: its record's key
	Attendees []string  `json:"attendees,omitempty"`
	By        string    `json:"by,omitempty"` // who recorded the decision
	// This week: the slot reserved, who writes the post, the angle.
	Slot   time.Time `json:"slot,omitzero"`
	Writer string    `json:"writer,omitempty"`
	Angle  string    `json:"angle,omitempty"`
	// Later: the ISO week it comes back, as "2026-W51".
	Week string `json:"week,omitempty"`
	// Dropped: why.
	Reason string `json:"reason,omitempty"`
}

// Approved reports whether a meeting approved the topic for publication:
// decided "this week".
func (t *Topic) Approved() bool { return t != nil && t.Decision == DecideThisWeek }

// Meeting is the record of one editorial meeting.
type Meeting struct {
	At        time.Time  `json:"at"` // when it was held; meetings are keyed by it
	Attendees []string   `json:"attendees,omitempty"`
	By        string     `json:"by,omitempty"`
	Decisions []Decision `json:"decisions,omitempty"` // the latest decision on each post, in the order first taken
}

// Decision is one topic decided at a meeting, with the post's title and
// link as they were then, for the minutes.
type Decision struct {
	Post  string `json:"post"`
	Title string `json:"title"`
	Link  string `json:"link,omitempty"`
	Topic Topic  `json:"topic"`
}

// Reservation is a slot reserved for a topic by a meeting.
type Reservation struct {
	At   time.Time
	Post Post
}

var (
	bucketMeetings = []byte("meetings") // meeting time -> Meeting
	bucketReserved = []byte("reserved") // slot time -> the post id the slot is reserved for
	bucketFeeds    = []byte("feeds")    // feed name -> FeedRead, the last reading of each feed
)

// SaveMeeting records a meeting, or changes who was there: the decisions
// already taken stay.
func (s *Store) SaveMeeting(at time.Time, attendees []string, by string) (Meeting, error) {
	if at.IsZero() {
		return Meeting{}, fmt.Errorf("%w: a meeting needs its time", ErrBadDecision)
	}
	var m Meeting
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		m, err = getMeeting(tx, at)
		if errors.Is(err, ErrNoMeeting) {
			m, err = Meeting{At: at, By: by}, nil
		}
		if err != nil {
			return err
		}
		m.Attendees = cleanNames(attendees)
		return putMeeting(tx, m)
	})
	return m, err
}

// cleanNames trims names and drops empty and repeated ones.
func cleanNames(names []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

// Meeting reads the record of the meeting held at at.
func (s *Store) Meeting(at time.Time) (Meeting, error) {
	var m Meeting
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		m, err = getMeeting(tx, at)
		return err
	})
	return m, err
}

// Meetings lists the meetings held in [from, to), oldest first.
func (s *Store) Meetings(from, to time.Time) ([]Meeting, error) {
	var out []Meeting
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketMeetings)
		if err != nil {
			return err
		}
		end := timeKey(to)
		c := b.Cursor()
		for k, v := c.Seek(timeKey(from)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
			var m Meeting
			if err := decodeJSON(v, &m); err != nil {
				return fmt.Errorf("meeting %s: %w", m.At, err)
			}
			out = append(out, m)
		}
		return nil
	})
	return out, err
}

func getMeeting(tx *bolt.Tx, at time.Time) (Meeting, error) {
	var m Meeting
	b, err := bucket(tx, bucketMeetings)
	if err != nil {
		return m, err
	}
	v := b.Get(timeKey(at))
	if v == nil {
		return m, fmt.Errorf("%w (%s)", ErrNoMeeting, at.Format(time.RFC3339))
	}
	if err := decodeJSON(v, &m); err != nil {
		return m, fmt.Errorf("meeting %s: %w", at.Format(time.RFC3339), err)
	}
	return m, nil
}

func putMeeting(tx *bolt.Tx, m Meeting) error {
	b, err := bucket(tx, bucketMeetings)
	if err != nil {
		return err
	}
	val, err := encodeJSON(m)
	if err != nil {
		return err
	}
	return b.Put(timeKey(m.At), val)
}

// PlanRule is what the store needs to queue a post for a slot by itself:
// the destinations it goes to, and how long before a slot it is too late
// to queue a post without a person deciding (the meeting.lead setting).
type PlanRule struct {
	Destinations []string
	Lead         time.Duration
}

// Queued says what became of a post's reserved slot when it was validated
// or decided: queued for At, or, when Late, left for a person to decide
// because At is past or within the lead time.
type Queued struct {
	At     time.Time
	Queued bool
	Late   bool
}

// Decide records a meeting's decision about a post, in one transaction:
// the post's topic, an event in its history, the meeting's record and,
// for "this week", the slot reserved for it (a post already validated is
// queued there at once, as validation would). A later or dropped topic
// gives back any slot it held; a dropped one goes to the archive.
func (s *Store) Decide(meetingAt time.Time, postID string, t Topic, rule PlanRule) (Post, Queued, error) {
	var saved Post
	var q Queued
	err := s.update(func(tx *bolt.Tx) error {
		m, err := getMeeting(tx, meetingAt)
		if err != nil {
			return err
		}
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		switch p.Status {
		case StatusIdea, StatusDraft, StatusReady, StatusValidated:
		default:
			return fmt.Errorf("%w: a meeting decides about ideas and posts not yet planned; this one is %s", ErrStatus, p.Status)
		}
		t.Meeting, t.Attendees = m.At, m.Attendees
		t.Writer, t.Angle, t.Reason, t.Week = field(t.Writer), field(t.Angle), field(t.Reason), strings.TrimSpace(t.Week)
		switch t.Decision {
		case DecideThisWeek:
			t.Week, t.Reason = "", ""
			if t.Slot.IsZero() {
				return fmt.Errorf("%w: this week needs a slot", ErrBadDecision)
			}
			if !t.Slot.After(s.now()) {
				return fmt.Errorf("%w (%s)", ErrSlotPast, t.Slot.Format(time.RFC3339))
			}
		case DecideLater:
			t.Slot, t.Writer, t.Angle, t.Reason = time.Time{}, "", "", ""
			if _, err := ParseWeek(t.Week, time.UTC); err != nil {
				return fmt.Errorf("%w: later needs a week, as 2026-W51: %v", ErrBadDecision, err)
			}
		case DecideDropped:
			t.Slot, t.Writer, t.Angle, t.Week = time.Time{}, "", "", ""
			if t.Reason == "" {
				return fmt.Errorf("%w: dropping a topic needs a reason", ErrBadDecision)
			}
		default:
			return fmt.Errorf("%w: unknown decision %q", ErrBadDecision, t.Decision)
		}
		if err := s.releaseReservation(tx, p.ID, t.Slot, t.By); err != nil {
			return err
		}
		if t.Decision == DecideThisWeek {
			if err := reserve(tx, t.Slot, p.ID); err != nil {
				return err
			}
		}
		if t.Decision == DecideDropped {
			p.Status, p.Before = StatusArchived, p.Status
		}
		p.Topic = &t
		// The topic's week may be part of the message: a validated post
		// then waits to be validated again.
		if err := s.keepValidation(tx, &p, ReasonWeek); err != nil {
			return err
		}
		event := Event{At: s.now(), Kind: EventDecided, By: t.By, Rev: p.Rev + 1, Reason: t.Reason, Topic: &t}
		if err := s.addEvent(tx, p.ID, event); err != nil {
			return err
		}
		if saved, err = s.putMachinePost(tx, p, RevDecide); err != nil {
			return err
		}
		m.Decisions = withDecision(m.Decisions, Decision{Post: p.ID, Title: p.Title, Link: p.Link, Topic: t})
		if err := putMeeting(tx, m); err != nil {
			return err
		}
		if t.Decision == DecideThisWeek && saved.Status == StatusValidated {
			if saved, q, err = s.queueReserved(tx, saved, rule); err != nil {
				return err
			}
		}
		return nil
	})
	return saved, q, err
}

// withDecision puts d in the list in place of an earlier decision on the
// same post, or at the end.
func withDecision(list []Decision, d Decision) []Decision {
	for i := range list {
		if list[i].Post == d.Post {
			list[i] = d
			return list
		}
	}
	return append(list, d)
}

// field keeps a short field of a decision on one line, without the
// control characters a paste may bring.
func field(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
	}), " ")
}

// reserve keeps the slot at at for the post, refusing a slot reserved for
// another topic or holding another post.
func reserve(tx *bolt.Tx, at time.Time, postID string) error {
	b, err := bucket(tx, bucketReserved)
	if err != nil {
		return err
	}
	if err := slotFree(tx, at, postID); err != nil {
		return err
	}
	return b.Put(timeKey(at), []byte(postID))
}

// holder is the post a slot is reserved for, if the reservation still
// holds: the post is there, its topic still names that slot, and it is
// still to be written, validated or planned.
func holder(tx *bolt.Tx, at time.Time) (Post, bool, error) {
	b, err := bucket(tx, bucketReserved)
	if err != nil {
		return Post{}, false, err
	}
	v := b.Get(timeKey(at))
	if v == nil {
		return Post{}, false, nil
	}
	p, err := getPost(tx, string(v))
	if errors.Is(err, ErrNotFound) {
		return Post{}, false, nil
	}
	if err != nil {
		return Post{}, false, err
	}
	return p, holds(p, at), nil
}

// holds reports whether a reservation at at for p is still in force.
func holds(p Post, at time.Time) bool {
	switch p.Status {
	case StatusIdea, StatusDraft, StatusReady, StatusValidated:
	default:
		return false
	}
	return p.Topic.Approved() && p.Topic.Slot.Equal(at)
}

// reservationTaken refuses a slot reserved for a topic other than the
// post's, inside the caller's transaction (see slotFree).
func reservationTaken(tx *bolt.Tx, at time.Time, postID string) error {
	p, ok, err := holder(tx, at)
	if err != nil || !ok || p.ID == postID {
		return err
	}
	return fmt.Errorf("%w (%w): %q", ErrSlotReserved, ErrSlotTaken, p.Title)
}

// settleReservations, as a post is planned at at, drops the reservation
// it fills there and gives back any other slot reserved for it.
func (s *Store) settleReservations(tx *bolt.Tx, postID string, at time.Time) error {
	b, err := bucket(tx, bucketReserved)
	if err != nil {
		return err
	}
	if v := b.Get(timeKey(at)); v != nil && string(v) == postID {
		if err := b.Delete(timeKey(at)); err != nil {
			return err
		}
	}
	return s.releaseReservation(tx, postID, at, "")
}

// releaseReservation gives back the slots reserved for the post, but the
// one at keep; the post's history says so.
func (s *Store) releaseReservation(tx *bolt.Tx, postID string, keep time.Time, by string) error {
	b, err := bucket(tx, bucketReserved)
	if err != nil {
		return err
	}
	var gone [][]byte
	err = b.ForEach(func(k, v []byte) error {
		if string(v) == postID && (keep.IsZero() || !bytes.Equal(k, timeKey(keep))) {
			gone = append(gone, append([]byte(nil), k...))
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range gone {
		if err := b.Delete(k); err != nil {
			return err
		}
		if err := s.addEvent(tx, postID, Event{At: s.now(), Kind: EventReleased, By: by, Topic: &Topic{Slot: keyTime(k)}}); err != nil {
			return err
		}
	}
	return nil
}

// keyTime reads back a time written by timeKey.
func keyTime(k []byte) time.Time {
	if len(k) < 8 {
		return time.Time{}
	}
	return time.Unix(0, int64(u64(k[:8])^1<<63))
}

// reservedSlot is the slot reserved for the post, zero when none is.
func reservedSlot(tx *bolt.Tx, p Post) (time.Time, error) {
	if !p.Topic.Approved() || p.Topic.Slot.IsZero() {
		return time.Time{}, nil
	}
	h, ok, err := holder(tx, p.Topic.Slot)
	if err != nil || !ok || h.ID != p.ID {
		return time.Time{}, err
	}
	return p.Topic.Slot, nil
}

// queueReserved plans a validated post in the slot reserved for it and
// queues it there, inside the caller's transaction, when the slot is far
// enough ahead; otherwise it leaves the post validated, and says the slot
// is late. Once planned there, the reservation has done its work and goes.
func (s *Store) queueReserved(tx *bolt.Tx, p Post, rule PlanRule) (Post, Queued, error) {
	at, err := reservedSlot(tx, p)
	if err != nil || at.IsZero() {
		return p, Queued{}, err
	}
	q := Queued{At: at}
	if !at.After(s.now().Add(rule.Lead)) || len(rule.Destinations) == 0 {
		q.Late = len(rule.Destinations) > 0
		return p, q, nil
	}
	if _, err := s.planIn(tx, p.ID, at); errors.Is(err, ErrSlotTaken) {
		q.Late = true
		return p, q, nil
	} else if err != nil {
		return p, q, err
	}
	if _, err := s.queueIn(tx, p.ID, rule.Destinations, at, false, ""); err != nil {
		return p, q, err
	}
	q.Queued = true
	p, err = getPost(tx, p.ID)
	return p, q, err
}

// Release gives back the slot reserved for a post: a person decided the
// topic will not fill it (it is late, or will go another time).
func (s *Store) Release(postID, by string) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		at, err := reservedSlot(tx, p)
		if err != nil {
			return err
		}
		if at.IsZero() {
			return ErrNoReservation
		}
		if err := s.releaseReservation(tx, postID, time.Time{}, by); err != nil {
			return err
		}
		saved = p
		return nil
	})
	return saved, err
}

// Reservations lists the slots in [from, to) reserved for a topic whose
// post does not fill them yet, in slot order.
func (s *Store) Reservations(from, to time.Time) ([]Reservation, error) {
	var out []Reservation
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = reservations(tx, from, to)
		return err
	})
	return out, err
}

func reservations(tx *bolt.Tx, from, to time.Time) ([]Reservation, error) {
	var out []Reservation
	b, err := bucket(tx, bucketReserved)
	if err != nil {
		return nil, err
	}
	end := timeKey(to)
	c := b.Cursor()
	for k, v := c.Seek(timeKey(from)); k != nil && bytes.Compare(k, end) < 0; k, v = c.Next() {
		p, err := getPost(tx, string(v))
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		if at := keyTime(k); holds(p, at) {
			out = append(out, Reservation{At: at, Post: p})
		}
	}
	return out, nil
}

// LateReservations are the reserved slots that are past, or within lead
// of now, and that their post does not fill: the desk warns of them until
// a person decides (plans the post, sends it now, or releases the slot).
func (s *Store) LateReservations(lead time.Duration) ([]Reservation, error) {
	var out []Reservation
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = reservations(tx, time.Unix(0, 0), s.now().Add(lead).Add(time.Nanosecond))
		return err
	})
	return out, err
}

// SetTypedViews keeps the views a person read on the phone for a sent
// post, where the channel gives no figures (copy and paste): they count
// as the post's stats until the channel reports its own.
func (s *Store) SetTypedViews(postID string, views int) error {
	if views < 0 {
		return fmt.Errorf("%w: views cannot be negative", ErrBadDecision)
	}
	return s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		if p.Status != StatusSent {
			return fmt.Errorf("%w: only a sent post has views; this one is %s", ErrStatus, p.Status)
		}
		b, err := bucket(tx, bucketStats)
		if err != nil {
			return err
		}
		st := PostStats{Views: views, At: s.now(), Typed: true}
		if v := b.Get([]byte(postID)); v != nil {
			var old PostStats
			if err := decodeJSON(v, &old); err == nil {
				st.Reactions = old.Reactions
			}
		}
		val, err := encodeJSON(st)
		if err != nil {
			return err
		}
		return b.Put([]byte(postID), val)
	})
}

// ParseWeek reads an ISO week written as "2026-W50" (or "2026-w50"):
// the week whose Monday starts it, in loc.
func ParseWeek(text string, loc *time.Location) (Week, error) {
	var year, number int
	t := strings.ToUpper(strings.TrimSpace(text))
	if n, err := fmt.Sscanf(t, "%d-W%d", &year, &number); n != 2 || err != nil || fmt.Sprintf("%d-W%02d", year, number) != t {
		return Week{}, fmt.Errorf("%q is not a week; write it as 2026-W50", text)
	}
	if loc == nil {
		loc = time.UTC
	}
	// The 4th of January is always in week 1.
	w := WeekOf(time.Date(year, time.January, 4, 12, 0, 0, 0, loc), loc)
	for w.Number != number || w.Year != year {
		if w.Year > year || (w.Year == year && w.Number > number) {
			return Week{}, fmt.Errorf("%q: %d has no week %d", text, year, number)
		}
		w = w.Next()
	}
	return w, nil
}

// String writes the week as "2026-W50".
func (w Week) String() string { return fmt.Sprintf("%d-W%02d", w.Year, w.Number) }

// WeekPlan is what the slots of a stretch of time hold: the posts planned
// there (sent or on their way included), the posts that lost their
// validation while in their slot and wait to be validated again, and the
// slots a meeting reserved for topics not yet planned.
type WeekPlan struct {
	Planned  []Post
	Again    []Post
	Reserved []Reservation
}

// Slots reads the slots of [from, to) in one transaction, each list in
// slot order.
func (s *Store) Slots(from, to time.Time) (WeekPlan, error) {
	var w WeekPlan
	err := s.view(func(tx *bolt.Tx) error {
		err := inSlots(tx, from, to, func(p Post) {
			switch {
			case slotted(p.Status):
				w.Planned = append(w.Planned, p)
			case p.Status == StatusReady || p.Status == StatusDraft:
				w.Again = append(w.Again, p)
			}
		})
		if err != nil {
			return err
		}
		w.Reserved, err = reservations(tx, from, to)
		return err
	})
	return w, err
}
