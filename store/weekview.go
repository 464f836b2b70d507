package store

import (
	"errors"
	"fmt"
	"time"

	"github.com/oklog/ulid/v2"
	bolt "go.etcd.io/bbolt"
)

// What the desk reads so that nothing a person does can surprise them:
// when a validation would send a post, the sends that went outside the
// slots. (What the slots hold, the posts to validate again included, is
// Slots.)

// GoesAt says when validating the post now would queue it, with its
// validation, without a further key: at the slot reserved for its topic
// when that is more than lead ahead (ValidateAndQueue), else at the slot
// it was planned in before an edit, when that is still to come and free.
// Zero when the validation queues nothing.
func (s *Store) GoesAt(id string, lead time.Duration) (time.Time, error) {
	var at time.Time
	err := s.view(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		if p.Status != StatusDraft && p.Status != StatusReady {
			return nil
		}
		reserved, err := reservedSlot(tx, p)
		if err != nil {
			return err
		}
		if !reserved.IsZero() {
			if reserved.After(s.now().Add(lead)) {
				at = reserved
			}
			return nil
		}
		if p.Slot.IsZero() || !p.Slot.After(s.now()) {
			return nil
		}
		if err := slotFree(tx, p.Slot, id); errors.Is(err, ErrSlotTaken) {
			return nil
		} else if err != nil {
			return err
		}
		at = p.Slot
		return nil
	})
	return at, err
}

// Urgent lists the urgent sends queued in [from, to), the oldest first:
// the week shows them beside its slots, on the week they went out.
func (s *Store) Urgent(from, to time.Time) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		sends, err := bucket(tx, bucketSends)
		if err != nil {
			return err
		}
		// Send ids are ULIDs of the time they were queued: the range is
		// a range of keys.
		start := ulid.ULID{}
		if err := start.SetTime(ulid.Timestamp(from)); err != nil {
			return nil // before 1970 or past 10889: no send there
		}
		c := sends.Cursor()
		for k, v := c.Seek([]byte(start.String())); k != nil; k, v = c.Next() {
			if id, err := ulid.ParseStrict(string(k)); err == nil && !ulid.Time(id.Time()).Before(to) {
				break
			}
			var snd Send
			if err := decodeJSON(v, &snd); err != nil {
				return fmt.Errorf("send %s: %w", k, err)
			}
			if snd.Urgent && !snd.Queued.Before(from) && snd.Queued.Before(to) {
				out = append(out, snd)
			}
		}
		return nil
	})
	return out, err
}
