package store

import (
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// Retarget follows a change of the destinations in the settings: the
// queued sends to a destination no longer listed are cancelled, and their
// post is queued, at the same time, to each listed destination it has no
// send to yet. A post planned for the copy-and-paste destination before
// the WhatsApp channel was chosen thus goes to the channel, and a removed
// destination keeps nothing waiting. It is one transaction; a post that
// can no longer be queued (changed since it was validated) keeps its sends
// as they are, for the week screen to show. It returns the posts moved.
func (s *Store) Retarget(destinations []string) (int, error) {
	if len(destinations) == 0 {
		return 0, nil
	}
	// Most opens have nothing to move: they read, and write nothing.
	var found bool
	if err := s.view(func(tx *bolt.Tx) error {
		posts, _, err := staleSends(tx, destinations)
		found = len(posts) > 0
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
			sends := stale[post]
			latest, err := latestSends(tx, post)
			if err != nil {
				return err
			}
			var to []string
			for _, d := range destinations {
				if _, has := latest[d]; !has {
					to = append(to, d)
				}
			}
			first := sends[0]
			if len(to) > 0 {
				_, err := s.queueIn(tx, post, to, first.At, first.Urgent, first.Reason)
				if errors.Is(err, ErrSealBroken) || errors.Is(err, ErrStatus) {
					continue
				}
				if err != nil {
					return err
				}
			}
			for _, snd := range sends {
				before := snd
				snd.State = SendCancelled
				if err := s.putSendAndSettle(tx, &before, snd); err != nil {
					return err
				}
			}
			moved++
		}
		if moved == 0 {
			// Only posts that cannot be queued again: roll back rather
			// than commit a transaction that changes nothing, on every
			// run of the due sends.
			return errNothingMoved
		}
		return nil
	})
	if errors.Is(err, errNothingMoved) {
		return 0, nil
	}
	return moved, err
}

var errNothingMoved = errors.New("nothing to move")

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
