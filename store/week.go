package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// ErrSlotTaken is returned when a slot already has its post. A slot whose
// time has come cannot be planned either (ErrSlotPast): its post would go
// out at once, unasked; sending now is a decision of its own (SendNow).
var ErrSlotTaken = errors.New("that slot already has a post")

// Week is an ISO week: it starts on Monday, and week 1 is the one with the
// year's first Thursday.
type Week struct {
	Year, Number int
	Start        time.Time // Monday 00:00, local time
}

// WeekOf is the ISO week t falls in, seen from loc (UTC when nil).
func WeekOf(t time.Time, loc *time.Location) Week {
	if loc == nil {
		loc = time.UTC
	}
	t = t.In(loc)
	year, number := t.ISOWeek()
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return Week{Year: year, Number: number, Start: time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, loc)}
}

// SlotTime is the instant of a weekly slot in the week: the slot's day
// and local time, built from the calendar rather than by adding hours, so
// that a 09:00 slot stays at 09:00 across a daylight-saving change. A time
// the change skips (02:30 on the last Sunday of March in Paris) is the one
// time.Date gives.
func (w Week) SlotTime(day time.Weekday, hour, minute int, loc *time.Location) time.Time {
	if loc == nil {
		loc = w.Start.Location()
	}
	d := w.Start.In(loc)
	return time.Date(d.Year(), d.Month(), d.Day()+(int(day)+6)%7, hour, minute, 0, 0, loc)
}

// Next is the week after.
func (w Week) Next() Week { return w.shift(7) }

// Prev is the week before.
func (w Week) Prev() Week { return w.shift(-7) }

// End is the start of the next week: the week is [Start, End).
func (w Week) End() time.Time { return w.Next().Start }

func (w Week) shift(days int) Week {
	d, loc := w.Start, w.Start.Location()
	return WeekOf(time.Date(d.Year(), d.Month(), d.Day()+days, 12, 0, 0, 0, loc), loc)
}

// slotted reports whether a post in this status sits in its week slot:
// planned, or on its way out or gone from there.
func slotted(s Status) bool {
	switch s {
	case StatusPlanned, StatusSending, StatusSent, StatusFailed, StatusUnknown:
		return true
	}
	return false
}

// PlannedFor is the slot the post is planned in, zero when it is not: a
// post sent back to ready or archived keeps its Slot field, but no longer
// holds the slot.
func (p Post) PlannedFor() time.Time {
	if slotted(p.Status) {
		return p.Slot
	}
	return time.Time{}
}

// Plan puts a validated post in the slot at at. A slot holds one post,
// and a slot already past holds none (ErrSlotPast).
func (s *Store) Plan(postID string, at time.Time) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		saved, err = s.planIn(tx, postID, at)
		return err
	})
	return saved, err
}

// PlanAndQueue plans a post, as Plan, and queues it at the slot's time to
// each destination, as Queue, in one transaction: a crash leaves the post
// as it was or planned with its sends queued, never in a slot with
// nothing queued to send it.
func (s *Store) PlanAndQueue(postID string, at time.Time, destinations []string) (Post, []Send, error) {
	var saved Post
	var queued []Send
	err := s.update(func(tx *bolt.Tx) error {
		p, err := s.planIn(tx, postID, at)
		if err != nil {
			return err
		}
		if p.Status != StatusPlanned {
			// The slot's week changed the message: it waits in the
			// slot to be validated again, and is queued then.
			saved = p
			return nil
		}
		if queued, err = s.queueIn(tx, postID, destinations, at, false, ""); err != nil {
			return err
		}
		saved, err = getPost(tx, postID)
		return err
	})
	if err != nil {
		return Post{}, nil, err
	}
	return saved, queued, nil
}

// planIn is Plan inside the caller's transaction.
func (s *Store) planIn(tx *bolt.Tx, postID string, at time.Time) (Post, error) {
	if at.IsZero() {
		return Post{}, fmt.Errorf("plan %s: no slot time", postID)
	}
	p, err := getPost(tx, postID)
	if err != nil {
		return Post{}, err
	}
	if p.Status != StatusValidated {
		return Post{}, fmt.Errorf("%w: only a validated post can be planned; this one is %s", ErrStatus, p.Status)
	}
	if err := s.slotToCome(at); err != nil {
		return Post{}, err
	}
	if err := slotFree(tx, at, postID); err != nil {
		return Post{}, err
	}
	if err := moveSlot(tx, postID, p.Slot, at); err != nil {
		return Post{}, err
	}
	if err := s.settleReservations(tx, postID, at); err != nil {
		return Post{}, err
	}
	p.Status, p.Slot = StatusPlanned, at
	// The week may be part of the message (tracking parameters): a post
	// moved to another week then shows in its slot to validate again.
	if err := s.keepValidation(tx, &p, ReasonWeek); err != nil {
		return Post{}, err
	}
	return s.putMachinePost(tx, p, RevPlan)
}

// Unplan takes a planned post out of its slot: it is validated again, and
// its sends queued for that slot are cancelled.
func (s *Store) Unplan(postID string) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		if p.Status != StatusPlanned {
			return fmt.Errorf("%w: only a planned post can be taken out of its slot; this one is %s", ErrStatus, p.Status)
		}
		if err := moveSlot(tx, postID, p.Slot, time.Time{}); err != nil {
			return err
		}
		if err := retimeQueued(tx, postID, p.Slot, time.Time{}); err != nil {
			return err
		}
		p.Status, p.Slot = StatusValidated, time.Time{}
		if err := s.keepValidation(tx, &p, ReasonWeek); err != nil {
			return err
		}
		saved, err = s.putMachinePost(tx, p, RevPlan)
		return err
	})
	return saved, err
}

// Move puts a planned post in another slot, free and still to come; the
// sends queued for its slot follow it.
func (s *Store) Move(postID string, to time.Time) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		if p.Status != StatusPlanned {
			return fmt.Errorf("%w: only a planned post can move to another slot; this one is %s", ErrStatus, p.Status)
		}
		if p.Slot.Equal(to) {
			saved = p
			return nil
		}
		if err := s.slotToCome(to); err != nil {
			return err
		}
		if err := slotFree(tx, to, postID); err != nil {
			return err
		}
		if err := moveSlot(tx, postID, p.Slot, to); err != nil {
			return err
		}
		if err := retimeQueued(tx, postID, p.Slot, to); err != nil {
			return err
		}
		p.Slot = to
		saved, err = s.putMachinePost(tx, p, RevPlan)
		return err
	})
	return saved, err
}

// Swap exchanges the slots of two planned posts; the sends queued for
// each slot follow their post. Both slots must be still to come: a post
// moved into a past slot would go out at once.
func (s *Store) Swap(a, b string) (Post, Post, error) {
	if a == b {
		return Post{}, Post{}, fmt.Errorf("%w: a post cannot swap with itself", ErrStatus)
	}
	var pa, pb Post
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		if pa, err = getPost(tx, a); err != nil {
			return err
		}
		if pb, err = getPost(tx, b); err != nil {
			return err
		}
		if pa.Status != StatusPlanned || pb.Status != StatusPlanned {
			return fmt.Errorf("%w: only two planned posts can swap slots (%s and %s)", ErrStatus, pa.Status, pb.Status)
		}
		sa, sb := pa.Slot, pb.Slot
		for _, at := range []time.Time{sa, sb} {
			if err := s.slotToCome(at); err != nil {
				return err
			}
		}
		for _, m := range []struct {
			id       string
			from, to time.Time
		}{{a, sa, time.Time{}}, {b, sb, time.Time{}}, {a, time.Time{}, sb}, {b, time.Time{}, sa}} {
			if err := moveSlot(tx, m.id, m.from, m.to); err != nil {
				return err
			}
		}
		if err := retimeQueued(tx, a, sa, sb); err != nil {
			return err
		}
		if err := retimeQueued(tx, b, sb, sa); err != nil {
			return err
		}
		pa.Slot, pb.Slot = sb, sa
		if err := s.keepValidation(tx, &pa, ReasonWeek); err != nil {
			return err
		}
		if err := s.keepValidation(tx, &pb, ReasonWeek); err != nil {
			return err
		}
		if pa, err = s.putMachinePost(tx, pa, RevPlan); err != nil {
			return err
		}
		pb, err = s.putMachinePost(tx, pb, RevPlan)
		return err
	})
	if err != nil {
		return Post{}, Post{}, err
	}
	return pa, pb, nil
}

// Planned lists the posts whose slot falls in [from, to), in slot order,
// with those already sent or on their way from their slot.
func (s *Store) Planned(from, to time.Time) ([]Post, error) {
	var out []Post
	err := s.view(func(tx *bolt.Tx) error {
		return inSlots(tx, from, to, func(p Post) {
			if slotted(p.Status) {
				out = append(out, p)
			}
		})
	})
	return out, err
}

// inSlots gives each the posts of the slots index in [from, to), in slot
// order. An entry whose post is gone (deleted with the sample week) or
// holds another slot now is passed over.
func inSlots(tx *bolt.Tx, from, to time.Time, each func(Post)) error {
	slots, err := bucket(tx, bucketSlots)
	if err != nil {
		return err
	}
	end := timeKey(to)
	c := slots.Cursor()
	for k, _ := c.Seek(timeKey(from)); k != nil && len(k) > 8 && bytes.Compare(k[:8], end) < 0; k, _ = c.Next() {
		p, err := getPost(tx, string(k[8:]))
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if bytes.Equal(timeKey(p.Slot), k[:8]) {
			each(p)
		}
	}
	return nil
}

// slotToCome refuses a slot whose time has come.
func (s *Store) slotToCome(at time.Time) error {
	if !at.After(s.now()) {
		return fmt.Errorf("%w (%s)", ErrSlotPast, at.Format("2006-01-02 15:04 MST"))
	}
	return nil
}

// slotFree refuses a slot held by another post.
func slotFree(tx *bolt.Tx, at time.Time, postID string) error {
	slots, err := bucket(tx, bucketSlots)
	if err != nil {
		return err
	}
	prefix := timeKey(at)
	c := slots.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		other := string(k[len(prefix):])
		if other == postID {
			continue
		}
		p, err := getPost(tx, other)
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if slotted(p.Status) && p.Slot.Equal(at) {
			return fmt.Errorf("%w: %q", ErrSlotTaken, p.Title)
		}
	}
	return reservationTaken(tx, at, postID)
}

// moveSlot moves a post's entry in the slot index; a zero time is none.
func moveSlot(tx *bolt.Tx, postID string, from, to time.Time) error {
	slots, err := bucket(tx, bucketSlots)
	if err != nil {
		return err
	}
	if !from.IsZero() {
		if err := slots.Delete(append(timeKey(from), postID...)); err != nil {
			return err
		}
	}
	if to.IsZero() {
		return nil
	}
	return slots.Put(append(timeKey(to), postID...), []byte{})
}

// retimeQueued moves a post's sends queued for the slot at from to the
// slot at to, or cancels them when to is zero. Sends queued for another
// time (an urgent send, a "send now") stay as they are.
func retimeQueued(tx *bolt.Tx, postID string, from, to time.Time) error {
	if from.IsZero() {
		return nil
	}
	sends, err := postSends(tx, postID)
	if err != nil {
		return err
	}
	for _, snd := range sends {
		if snd.State != SendQueued || !snd.At.Equal(from) {
			continue
		}
		before := snd
		if to.IsZero() {
			snd.State = SendCancelled
		} else {
			snd.At = to
		}
		if err := putSend(tx, &before, snd); err != nil {
			return err
		}
	}
	return nil
}
