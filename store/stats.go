package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// PostStats are what followers did with a published post, as the channel
// last reported it: views and reactions summed over the channels it was
// published to, and when they were read.
type PostStats struct {
	Views     int            `json:"views"`
	Reactions map[string]int `json:"reactions,omitempty"` // emoji -> count
	At        time.Time      `json:"at"`
	// Typed says the views were read on the phone and typed in, for a
	// channel that gives no figures (SetTypedViews).
	Typed bool `json:"typed,omitempty"`
}

// SetStats keeps the latest stats of a post, replacing the earlier ones:
// they are a reading, not a history.
func (s *Store) SetStats(postID string, st PostStats) error {
	return s.SetAllStats(map[string]PostStats{postID: st})
}

// SetAllStats keeps the stats of several posts in one transaction: a
// reading of the channel is stored whole or not at all. A post that no
// longer exists is skipped.
func (s *Store) SetAllStats(all map[string]PostStats) error {
	return s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketStats)
		if err != nil {
			return err
		}
		posts, err := bucket(tx, bucketPosts)
		if err != nil {
			return err
		}
		for id, st := range all {
			if posts.Get([]byte(id)) == nil {
				continue
			}
			val, err := encodeJSON(st)
			if err != nil {
				return err
			}
			if err := b.Put([]byte(id), val); err != nil {
				return err
			}
		}
		return nil
	})
}

// PostStats is the latest reading of a post's stats; ok is false when
// none was kept.
func (s *Store) PostStats(postID string) (st PostStats, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketStats)
		if err != nil {
			return err
		}
		v := b.Get([]byte(postID))
		if v == nil {
			return nil
		}
		ok = true
		if err := decodeJSON(v, &st); err != nil {
			return fmt.Errorf("stats of %s: %w", postID, err)
		}
		return nil
	})
	return st, ok, err
}

// AllStats reads the stats of every post that has some, by post id. It
// reads one small bucket: the desk loads it with the backlog.
func (s *Store) AllStats() (map[string]PostStats, error) {
	out := map[string]PostStats{}
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketStats)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var st PostStats
			if err := decodeJSON(v, &st); err != nil {
				return fmt.Errorf("stats of %s: %w", k, err)
			}
			out[string(k)] = st
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Add sums another channel's reading of the same post into st.
func (st *PostStats) Add(o PostStats) {
	st.Views += o.Views
	if len(o.Reactions) > 0 && st.Reactions == nil {
		st.Reactions = map[string]int{}
	}
	for e, n := range o.Reactions {
		st.Reactions[e] += n
	}
	if o.At.After(st.At) {
		st.At = o.At
	}
}
