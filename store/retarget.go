package store

import (
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Retarget follows a change of the destinations in the settings: the
// queued sends to a destination no longer listed are cancelled, and their
// post is queued, at the same time, to each listed destination it has no
// send to yet. A post planned for the copy-and-paste destination before
// the WhatsApp channel was chosen thus goes to the channel, a destination
// renamed while a send waited for the network gets that send, and a
// removed destination keeps nothing waiting. It is one transaction. It
// returns the posts moved.
//
// Two kinds of post keep their sends as they are. One that can no longer
// be queued (changed since it was validated, archived) sends nothing
// anyway. One that already went out, or may have, to a destination no
// longer listed is an orphan (Orphans): that destination may be one of the
// listed ones under a new name, and queueing the post there could publish
// it twice; a person moves its sends (MoveOrphans) or cancels them
// (CancelOrphans). A send under way is never moved: it is not queued.
func (s *Store) Retarget(destinations []string) (int, error) {
	if len(destinations) == 0 {
		return 0, nil
	}
	// Most opens have nothing to move: they read, and write nothing.
	var found bool
	if err := s.view(func(tx *bolt.Tx) error {
		posts, stale, err := staleSends(tx, destinations)
		for _, post := range posts {
			if ok, err := s.movable(tx, post, destinations, stale[post]); err != nil || ok {
				found = ok
				return err
			}
		}
		return err
	}); err != nil || !found {
		return 0, err
	}
	moved := 0
	err := s.update(func(tx *bolt.Tx) error {
		moved = 0
		posts, stale, err := staleSends(tx, destinations)
		if err != nil {
			return err
		}
		for _, post := range posts {
			ok, err := s.movable(tx, post, destinations, stale[post])
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
			if err := s.moveIn(tx, post, destinations, stale[post], time.Time{}); err != nil {
				return err
			}
			moved++
		}
		if moved == 0 {
			return errNothingMoved // cannot happen after the read above, unless the file changed
		}
		return nil
	})
	if errors.Is(err, errNothingMoved) {
		return 0, nil
	}
	return moved, err
}

var errNothingMoved = errors.New("nothing to move")

// movable says whether Retarget moves a post's stale sends by itself: the
// post can be sent as it stands, and nothing of it went, or may have gone,
// to a destination no longer listed.
func (s *Store) movable(tx *bolt.Tx, postID string, destinations []string, stale []Send) (bool, error) {
	p, err := getPost(tx, postID)
	if err != nil {
		return false, err
	}
	if !sendable(p.Status) || s.checkSeal(p) != nil {
		return false, nil
	}
	latest, err := latestSends(tx, postID)
	if err != nil {
		return false, err
	}
	for d, snd := range latest {
		if snd.State != SendQueued && !slices.Contains(destinations, d) {
			return false, nil
		}
	}
	return len(stale) > 0, nil
}

// sendable are the statuses of a post that may have sends queued: the
// sends of a post in any other one are refused when they begin.
func sendable(st Status) bool {
	switch st {
	case StatusValidated, StatusPlanned, StatusSending, StatusFailed, StatusUnknown:
		return true
	}
	return false
}

// moveIn cancels a post's stale sends and queues the post, at at (zero:
// the time of the first) and with the urgency of the first, to each
// listed destination it has no send to yet, inside the caller's
// transaction. Whether the message is still the one validated is checked
// again when each send begins.
func (s *Store) moveIn(tx *bolt.Tx, postID string, destinations []string, stale []Send, at time.Time) error {
	latest, err := latestSends(tx, postID)
	if err != nil {
		return err
	}
	for _, snd := range stale {
		before := snd
		snd.State = SendCancelled
		if err := putSend(tx, &before, snd); err != nil {
			return err
		}
	}
	first, now := stale[0], s.now()
	if at.IsZero() {
		at = first.At
	}
	for _, d := range destinations {
		if _, has := latest[d]; has {
			continue
		}
		id, err := newSendID(tx, now)
		if err != nil {
			return err
		}
		snd := Send{ID: id, Post: postID, Destination: d, State: SendQueued, At: at, Queued: now, Urgent: first.Urgent, Reason: first.Reason}
		if err := putSend(tx, nil, snd); err != nil {
			return err
		}
	}
	p, err := getPost(tx, postID)
	if err != nil {
		return err
	}
	_, err = s.settle(tx, p)
	return err
}

// Orphans are the queued sends to destinations not in the list that
// Retarget leaves to a person, oldest due first.
func (s *Store) Orphans(destinations []string) ([]Send, error) {
	var out []Send
	err := s.view(func(tx *bolt.Tx) error {
		posts, stale, err := staleSends(tx, destinations)
		if err != nil {
			return err
		}
		for _, post := range posts {
			out = append(out, stale[post]...)
		}
		return nil
	})
	return out, err
}

// MoveOrphans is a person's decision for a post whose queued sends wait
// for destinations no longer in the list: they are cancelled, and the post
// is queued, at at (zero: at their time), to each listed destination it
// has no send to yet, in one transaction. The person was told which
// destinations those are; a post changed since it was validated is
// refused.
func (s *Store) MoveOrphans(postID string, destinations []string, at time.Time) ([]Send, error) {
	var queued []Send
	err := s.update(func(tx *bolt.Tx) error {
		stale, err := postOrphans(tx, postID, destinations)
		if err != nil {
			return err
		}
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		if !sendable(p.Status) {
			return fmt.Errorf("%w: a %s post cannot be sent", ErrStatus, p.Status)
		}
		if err := s.checkSeal(p); err != nil {
			return err
		}
		if err := s.moveIn(tx, postID, destinations, stale, at); err != nil {
			return err
		}
		sends, err := postSends(tx, postID)
		for _, snd := range sends {
			if snd.State == SendQueued {
				queued = append(queued, snd)
			}
		}
		return err
	})
	return queued, err
}

// CancelOrphans is a person's decision to send a post no more to the
// destinations no longer in the list that its queued sends wait for: they
// are cancelled, and the post follows its other sends, in one transaction.
func (s *Store) CancelOrphans(postID string, destinations []string) (int, error) {
	n := 0
	err := s.update(func(tx *bolt.Tx) error {
		stale, err := postOrphans(tx, postID, destinations)
		if err != nil {
			return err
		}
		for _, snd := range stale {
			before := snd
			snd.State = SendCancelled
			if err := s.putSendAndSettle(tx, &before, snd); err != nil {
				return err
			}
		}
		n = len(stale)
		return nil
	})
	return n, err
}

// postOrphans are a post's queued sends to destinations not in the list;
// none is an error.
func postOrphans(tx *bolt.Tx, postID string, destinations []string) ([]Send, error) {
	sends, err := postSends(tx, postID)
	if err != nil {
		return nil, err
	}
	var stale []Send
	for _, snd := range sends {
		if snd.State == SendQueued && !slices.Contains(destinations, snd.Destination) {
			stale = append(stale, snd)
		}
	}
	if len(stale) == 0 {
		return nil, fmt.Errorf("%w: nothing of this post waits for a destination no longer in the settings", ErrNoSend)
	}
	return stale, nil
}

// staleSends are the queued sends to destinations not in the list, by
// post, and the posts in the order of the queue.
func staleSends(tx *bolt.Tx, destinations []string) ([]string, map[string][]Send, error) {
	queue, err := bucket(tx, bucketQueue)
	if err != nil {
		return nil, nil, err
	}
	var ids []string
	err = queue.ForEach(func(k, _ []byte) error {
		if len(k) <= 8 {
			return fmt.Errorf("%w: queue key %x", ErrCorrupt, k)
		}
		ids = append(ids, string(k[8:]))
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	stale := map[string][]Send{}
	var posts []string
	for _, id := range ids {
		snd, err := getSend(tx, id)
		if err != nil {
			return nil, nil, err
		}
		if snd.State != SendQueued || slices.Contains(destinations, snd.Destination) {
			continue
		}
		if stale[snd.Post] == nil {
			posts = append(posts, snd.Post)
		}
		stale[snd.Post] = append(stale[snd.Post], snd)
	}
	return posts, stale, nil
}
