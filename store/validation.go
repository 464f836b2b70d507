package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Event is something that happened to a post's validation. Events are
// only ever appended.
type Event struct {
	At     time.Time `json:"at"`
	Kind   string    `json:"kind"` // EventValidated, EventInvalidated, EventRevoked, EventEdited...
	By     string    `json:"by,omitempty"`
	Hash   string    `json:"hash,omitempty"`
	Rev    uint64    `json:"rev"`
	Reason string    `json:"reason,omitempty"` // ReasonEdit, ReasonSettings, ReasonCard; an error
	// Code says why a correction did not go, as Attempt.Code; Reason
	// then holds the back-end's own words.
	Code string `json:"code,omitempty"`
	// Send and Destination name the publication a correction concerns.
	Send        string `json:"send,omitempty"`
	Destination string `json:"destination,omitempty"`
	// Topic is a meeting's decision (EventDecided), or the slot given
	// back (EventReleased).
	Topic *Topic `json:"topic,omitempty"`
}

// Kinds of event and reasons for an invalidation.
const (
	EventValidated   = "validated"
	EventInvalidated = "invalidated"
	EventRevoked     = "revoked"

	ReasonEdit     = "edit"     // the text, link or image changed
	ReasonSettings = "settings" // a setting changed the outgoing text
	ReasonCard     = "card"     // the link card changed
	ReasonWeek     = "week"     // the post moved to another week, which its links name
	ReasonRestore  = "restore"  // an earlier revision was restored
	ReasonPicture  = "picture"  // the picture taken into the file is not the one validated
)

// bound reports whether a status carries a validation.
func bound(s Status) bool { return s == StatusValidated || s == StatusPlanned }

// HashFunc computes the hash of the outgoing message a post would send.
// The store does not know how a message is built: the sender does, and
// main hands its rule to Open.
type HashFunc func(Post) string

// keepValidation sends p back to ready, inside the caller's transaction,
// when what it would send no longer matches what was validated. A sent
// post stays sent (it was published) and only loses its validation: the
// correction has to be validated before it goes out as an edit.
func (s *Store) keepValidation(tx *bolt.Tx, p *Post, reason string) error {
	if (!bound(p.Status) && p.Status != StatusSent) || p.Validation == nil || s.hash == nil {
		return nil
	}
	if s.hash(*p) == p.Validation.Hash {
		return nil
	}
	return s.dropValidation(tx, p, reason)
}

// dropValidation takes a validated, planned or sent post's validation
// away, inside the caller's transaction, as keepValidation does when the
// message changed.
func (s *Store) dropValidation(tx *bolt.Tx, p *Post, reason string) error {
	if p.Status == StatusPlanned {
		// Its queued sends would be refused when due, the message no
		// longer being the one validated: they go now, in the same
		// transaction. The post keeps its slot, and validating it again
		// puts it back there (ValidateAndReplan).
		if err := cancelQueued(tx, p.ID); err != nil {
			return err
		}
	}
	if p.Status != StatusSent {
		p.Status = StatusReady
	}
	p.Validation = nil
	return s.addEvent(tx, p.ID, Event{At: s.now(), Kind: EventInvalidated, Rev: p.Rev + 1, Reason: reason})
}

// cancelQueued cancels a post's queued sends, inside the caller's
// transaction, leaving the post to the caller.
func cancelQueued(tx *bolt.Tx, postID string) error {
	sends, err := postSends(tx, postID)
	if err != nil {
		return err
	}
	for _, snd := range sends {
		if snd.State != SendQueued {
			continue
		}
		before := snd
		snd.State = SendCancelled
		if err := putSend(tx, &before, snd); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) addEvent(tx *bolt.Tx, id string, e Event) error {
	events, err := bucket(tx, bucketEvents)
	if err != nil {
		return err
	}
	b, err := events.CreateBucketIfNotExists([]byte(id))
	if err != nil {
		return err
	}
	seq, err := b.NextSequence()
	if err != nil {
		return err
	}
	val, err := encodeJSON(e)
	if err != nil {
		return err
	}
	return b.Put(binary.BigEndian.AppendUint64(nil, seq), val)
}

// Validate approves the post at revision rev, as the outgoing message it
// sends now. A post changed since rev is refused with ErrConflict: what is
// validated is what the person saw. A sent post may be validated again,
// once corrected: it stays sent, and the validated correction is what
// the dispatcher sends as an edit of the published message.
func (s *Store) Validate(id string, rev uint64, by string) (Post, error) {
	return s.ValidateAndReplan(id, rev, by, nil)
}

// ValidateAndReplan validates, as Validate, and puts back in its slot a
// post that lost its validation while planned, when the slot is still to
// come and no other post took it: planned again and queued to
// destinations, in the same transaction. With no destinations it is
// Validate.
func (s *Store) ValidateAndReplan(id string, rev uint64, by string, destinations []string) (Post, error) {
	p, _, err := s.ValidateAndQueue(id, rev, by, PlanRule{Destinations: destinations})
	return p, err
}

// ValidateAndQueue validates, as ValidateAndReplan, and queues a post
// whose topic a meeting approved for a slot in that slot, when it is more
// than rule.Lead ahead; Queued says when it goes out, or that the slot is
// late and waits for a person's decision. The validation records the
// meeting's approval of the topic beside the validator's of the text.
func (s *Store) ValidateAndQueue(id string, rev uint64, by string, rule PlanRule) (Post, Queued, error) {
	if s.hash == nil {
		return Post{}, Queued{}, fmt.Errorf("validate %s: no message rule", id)
	}
	destinations := rule.Destinations
	var saved Post
	var q Queued
	err := s.update(func(tx *bolt.Tx) error {
		q = Queued{}
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		if p.Rev != rev {
			return fmt.Errorf("%w (revision %d, validated at %d)", ErrConflict, p.Rev, rev)
		}
		if p.Status != StatusDraft && p.Status != StatusReady && p.Status != StatusSent {
			return fmt.Errorf("%w: a %s post cannot be validated", ErrStatus, p.Status)
		}
		hash := s.hash(p)
		if p.Status != StatusSent {
			p.Status = StatusValidated
		}
		p.Validation = &Validation{By: by, At: s.now(), Hash: hash, Rev: rev + 1}
		if p.Topic.Approved() {
			approval := *p.Topic
			p.Validation.Topic = &approval
		}
		if err := s.addEvent(tx, id, Event{At: s.now(), Kind: EventValidated, By: by, Hash: hash, Rev: rev + 1}); err != nil {
			return err
		}
		saved, err = s.putPost(tx, p, RevValidate, 0)
		if err != nil || saved.Status != StatusValidated {
			return err
		}
		if at, err := reservedSlot(tx, saved); err != nil || !at.IsZero() {
			if err == nil {
				saved, q, err = s.queueReserved(tx, saved, rule)
			}
			return err
		}
		if len(destinations) == 0 || !saved.Slot.After(s.now()) {
			return nil
		}
		// Another post took the slot meanwhile: validated, and left for
		// the person to plan.
		if err := slotFree(tx, saved.Slot, id); errors.Is(err, ErrSlotTaken) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := s.planIn(tx, id, saved.Slot); err != nil {
			return err
		}
		if _, err := s.queueIn(tx, id, destinations, saved.Slot, false, ""); err != nil {
			return err
		}
		saved, err = getPost(tx, id)
		q = Queued{At: saved.Slot, Queued: true}
		return err
	})
	return saved, q, err
}

// Revoke withdraws a validation: the post goes back to ready.
func (s *Store) Revoke(id string, by string) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		if p.Status != StatusValidated {
			return fmt.Errorf("%w: only a validated post can be revoked", ErrStatus)
		}
		p.Status, p.Validation = StatusReady, nil
		if err := s.addEvent(tx, id, Event{At: s.now(), Kind: EventRevoked, By: by, Rev: p.Rev + 1}); err != nil {
			return err
		}
		saved, err = s.putPost(tx, p, RevStatus, 0)
		return err
	})
	return saved, err
}

// Revalidate checks every validated or planned post against the current
// message rule (the settings may have changed what they send) and sends
// back to ready those that no longer match. It returns how many did.
func (s *Store) Revalidate() (int, error) {
	if s.hash == nil {
		return 0, nil
	}
	// Looking is a read: the desk opens without writing to the file
	// unless a validation really has to go.
	var stale []string
	err := s.view(func(tx *bolt.Tx) error {
		sums, err := bucket(tx, bucketSummaries)
		if err != nil {
			return err
		}
		return sums.ForEach(func(k, v []byte) error {
			st, err := summaryStatus(v)
			if err != nil {
				return fmt.Errorf("post %s: %w", k, err)
			}
			if !bound(st) {
				return nil
			}
			p, err := getPost(tx, string(k))
			if err != nil {
				return err
			}
			if p.Validation == nil || s.hash(p) != p.Validation.Hash {
				stale = append(stale, string(k))
			}
			return nil
		})
	})
	if err != nil || len(stale) == 0 {
		return 0, err
	}
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		n = 0
		for _, id := range stale {
			p, err := getPost(tx, id)
			if err != nil {
				return err
			}
			before := p.Status
			if err := s.keepValidation(tx, &p, ReasonSettings); err != nil {
				return err
			}
			if p.Status != before {
				if _, err := s.putPost(tx, p, RevStatus, 0); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

// Events lists a post's events, oldest first: validations and their
// loss, urgent sends and resolutions, edits and deletions.
func (s *Store) Events(id string) ([]Event, error) {
	var out []Event
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		out, err = postEvents(tx, id)
		return err
	})
	return out, err
}

// SetCard keeps the card fetched for a post's link. A card for a link the
// post no longer has is dropped. A card that says the same as the one kept
// only refreshes its date; one that says something else is a new revision
// and, on a validated post, a change of what would be sent.
func (s *Store) SetCard(id string, card Card) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		saved = p
		if card.URL != p.Link {
			return nil
		}
		old := p.Card
		switch {
		case card.Thumb != nil:
			if card.ThumbSum, err = putThumbnail(tx, card.Thumb); err != nil {
				return err
			}
		case old != nil && old.Image == card.Image:
			// The page's image could not be read this time: the
			// thumbnail made from it last time still stands.
			card.ThumbSum = old.ThumbSum
		default:
			card.ThumbSum = ""
		}
		card.Thumb = nil
		p.Card = &card
		if old != nil && old.Same(card) {
			posts, err := bucket(tx, bucketPosts)
			if err != nil {
				return err
			}
			val, err := encodeJSON(p)
			if err != nil {
				return err
			}
			saved = p
			return posts.Put([]byte(id), val)
		}
		if err := s.keepValidation(tx, &p, ReasonCard); err != nil {
			return err
		}
		saved, err = s.putPost(tx, p, RevCard, 0)
		return err
	})
	return saved, err
}
