package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Working copies: what is being typed, unsaved, kept on every autosave so
// that a crash or a dropped connection loses at most a few seconds. The
// desk of one person keeps one per post; on the team desk each member
// keeps their own (As).

// workingKey is where a person's working copy of a post is kept: the
// post's id for the desk of one person, the id, a zero byte and the
// member's name on the team desk, so each member finds their own.
func workingKey(id, who string) []byte {
	if who == "" {
		return []byte(id)
	}
	return append(append([]byte(id), 0), who...)
}

// workingPost is the post id of a working copy's key.
func workingPost(k []byte) []byte {
	if i := bytes.IndexByte(k, 0); i >= 0 {
		return k[:i]
	}
	return k
}

// SaveWorking keeps what is being typed, unsaved, so that a crash loses at
// most the last few seconds. It does not touch the post itself.
func (s *Store) SaveWorking(p Post) error {
	if p.ID == "" {
		return fmt.Errorf("%w: working copy without an id", ErrNotFound)
	}
	p.Updated = s.now()
	val, err := encodeJSON(p)
	if err != nil {
		return err
	}
	return s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketWorking)
		if err != nil {
			return err
		}
		return b.Put(workingKey(p.ID, s.who), val)
	})
}

// Working returns the unsaved working copy of a post, if there is one.
func (s *Store) Working(id string) (Post, bool, error) {
	var p Post
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketWorking)
		if err != nil {
			return err
		}
		v := b.Get(workingKey(id, s.who))
		if v == nil {
			return nil
		}
		found = true
		return decodeJSON(v, &p)
	})
	return p, found, err
}

// DiscardWorking drops a working copy the community manager chose not to keep.
func (s *Store) DiscardWorking(id string) error {
	return s.update(func(tx *bolt.Tx) error { return bucketDeleteKey(tx, bucketWorking, workingKey(id, s.who)) })
}

// RecoverWorking turns the working copies of posts that were never saved
// (a new post, then a crash) into posts, so that nothing typed is lost.
// Working copies of saved posts stay where they are: the editor offers them
// when the post is opened.
func (s *Store) RecoverWorking() (int, error) {
	// Most days there is nothing to recover: look first, in a read, so
	// opening the desk does not write to the file.
	orphaned := false
	err := s.view(func(tx *bolt.Tx) error {
		working, err := bucket(tx, bucketWorking)
		if err != nil {
			return err
		}
		posts, err := bucket(tx, bucketPosts)
		if err != nil {
			return err
		}
		return working.ForEach(func(k, _ []byte) error {
			orphaned = orphaned || posts.Get(workingPost(k)) == nil
			return nil
		})
	})
	if err != nil || !orphaned {
		return 0, err
	}
	n := 0
	err = s.update(func(tx *bolt.Tx) error {
		working, err := bucket(tx, bucketWorking)
		if err != nil {
			return err
		}
		posts, err := bucket(tx, bucketPosts)
		if err != nil {
			return err
		}
		var orphans []Post
		var keys [][]byte
		err = working.ForEach(func(k, v []byte) error {
			if posts.Get(workingPost(k)) != nil {
				return nil
			}
			var p Post
			if err := decodeJSON(v, &p); err != nil {
				return fmt.Errorf("working copy %q: %w", k, err)
			}
			orphans = append(orphans, p)
			keys = append(keys, append([]byte(nil), k...))
			return nil
		})
		if err != nil {
			return err
		}
		for i, p := range orphans {
			if posts.Get([]byte(p.ID)) != nil || string(workingPost(keys[i])) != p.ID {
				continue // two copies of one new post: the other was recovered; this one stays a working copy
			}
			p.Rev = 0
			if p.Status == "" || !p.Status.Valid() {
				p.Status = StatusDraft
			}
			if _, err := s.putPost(tx, p, RevRecover, 0); err != nil {
				return err
			}
			if err := working.Delete(keys[i]); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

// deleteWorking drops every working copy of a post, whoever kept it.
func deleteWorking(tx *bolt.Tx, id []byte) error {
	working, err := bucket(tx, bucketWorking)
	if err != nil {
		return err
	}
	var keys [][]byte
	c := working.Cursor()
	for k, _ := c.Seek(id); k != nil && bytes.Equal(workingPost(k), id); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		if err := working.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
