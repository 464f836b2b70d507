package store

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The sends that wait for a person's word: those by copy and paste, whose
// text is to paste, and those of unknown outcome. The desk lists them,
// counts them on every screen, and settles them as a person says; so does
// crieur sends.

// AwaitPaste records that the delivery BeginSend started handed the text
// to a person, to post by hand (copy and paste): the text is in the file
// outbox. The send waits for them to say whether it went out (Resolve).
func (s *Store) AwaitPaste(sendID, outbox string) (Send, error) {
	return s.endAttempt(sendID, func(snd *Send, a *Attempt) {
		snd.State, a.State, a.Outbox, a.Err = SendPaste, SendPaste, outbox, ""
	})
}

// Resolve records what a person found on the channel for a send whose
// outcome was unknown, or says for a send by copy and paste: it went out
// (sent), or it did not (failed, and the post may then be queued again).
func (s *Store) Resolve(sendID string, sent bool, by string) (Send, error) {
	var snd Send
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		snd, err = getSend(tx, sendID)
		if err != nil {
			return err
		}
		kind := EventResolved
		switch snd.State {
		case SendUnknown:
		case SendPaste:
			kind = EventNotPasted
			if sent {
				kind = EventPasted
			}
		default:
			return fmt.Errorf("%w: the send is %s, neither of unknown outcome nor waiting to be pasted", ErrStatus, snd.State)
		}
		before := snd
		now := s.now()
		snd.State, snd.Resolution = SendFailed, &Resolution{By: by, At: now, Sent: sent}
		reason := "not sent to " + snd.Destination
		if sent {
			snd.State, reason = SendSent, "sent to "+snd.Destination
		}
		p, err := getPost(tx, snd.Post)
		if err != nil {
			return err
		}
		if err := s.addEvent(tx, snd.Post, Event{At: now, Kind: kind, By: by, Rev: p.Rev, Reason: reason}); err != nil {
			return err
		}
		return s.putSendAndSettle(tx, &before, snd)
	})
	if err != nil {
		return Send{}, err
	}
	return snd, nil
}

// SendLog lists the sends in the order they were queued. With open, only
// those not yet settled: queued, being sent, to paste, or of unknown
// outcome.
func (s *Store) SendLog(open bool) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		sends, err := bucket(tx, bucketSends)
		if err != nil {
			return err
		}
		return sends.ForEach(func(k, v []byte) error {
			var snd Send
			if err := decodeJSON(v, &snd); err != nil {
				return fmt.Errorf("send %s: %w", k, err)
			}
			switch {
			case !open:
			case snd.State == SendQueued, snd.State == SendSending, snd.State == SendPaste, snd.State == SendUnknown:
			default:
				return nil
			}
			out = append(out, snd)
			return nil
		})
	})
	return out, err
}

// Unresolved lists the sends whose outcome is unknown, oldest first: the
// desk shows them until a person resolves each one.
func (s *Store) Unresolved() ([]Send, error) {
	return s.openOf(SendUnknown)
}

// ToSettle lists the sends that wait for a person to say whether they went
// out, oldest first: those of unknown outcome and those to paste.
func (s *Store) ToSettle() ([]Send, error) {
	return s.openOf(SendUnknown, SendPaste)
}

// openOf lists the open sends in the given states, oldest first.
func (s *Store) openOf(states ...SendState) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		ids, err := openSends(tx, states...)
		if err != nil {
			return err
		}
		for _, id := range ids {
			snd, err := getSend(tx, id)
			if err != nil {
				return err
			}
			out = append(out, snd)
		}
		return nil
	})
	return out, err
}

// openSends lists the ids of the sends in the given states (sending,
// unknown, paste), oldest first.
func openSends(tx *bolt.Tx, states ...SendState) ([]string, error) {
	open, err := bucket(tx, bucketOpenSends)
	if err != nil {
		return nil, err
	}
	var ids []string
	err = open.ForEach(func(k, v []byte) error {
		for _, state := range states {
			if SendState(v) == state {
				ids = append(ids, string(k))
				break
			}
		}
		return nil
	})
	return ids, err
}
