package store

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// FeedRead is the last reading of one feed of the settings: when it was
// read, what it gave, and what went wrong.
type FeedRead struct {
	Name    string    `json:"name"`
	URL     string    `json:"url"`
	At      time.Time `json:"at"`               // when it was last read, well or not
	OK      time.Time `json:"ok,omitzero"`      // when it was last read well
	Items   int       `json:"items"`            // entries the feed held at the last reading
	Added   int       `json:"added"`            // ideas it added then
	Skipped int       `json:"skipped"`          // entries already on a post
	Total   int       `json:"total"`            // ideas it has added in all
	Err     string    `json:"err,omitempty"`    // why the last reading failed
	Failed  int       `json:"failed,omitempty"` // readings failed in a row
	Latest  time.Time `json:"latest,omitzero"`  // the date of its newest entry
}

// RevFeed is the kind of revision of an idea a feed brought.
const RevFeed = "feed"

// AddIdeas adds the entries one reading of a feed gave as ideas, in one
// transaction with the reading's record. An entry whose link (by LinkKey)
// is already on a post, or whose item id already came in, is skipped,
// whichever feed brought it and whenever; so is a second entry of the same
// page in the batch. It returns the ideas added.
func (s *Store) AddIdeas(read FeedRead, ideas []Post) ([]Post, error) {
	var added []Post
	err := s.update(func(tx *bolt.Tx) error {
		added = added[:0]
		old, err := feedRead(tx, read.Name)
		if err != nil {
			return err
		}
		read.Added, read.Skipped, read.Items = 0, 0, len(ideas)
		read.Total, read.OK, read.Err, read.Failed = old.Total, read.At, "", 0
		for _, p := range ideas {
			if p.ID != "" || p.Rev != 0 {
				return fmt.Errorf("add ideas: an idea from a feed is a new post")
			}
			id, err := linkedPost(tx, LinkKey(p.Link), p.SourceID)
			if err != nil {
				return err
			}
			if id != "" {
				read.Skipped++
				continue
			}
			if p.SourceDate.After(read.Latest) {
				read.Latest = p.SourceDate
			}
			p.ID = NewID(s.now())
			p.Status, p.Source, p.Validation, p.Topic = StatusIdea, read.Name, nil, nil
			saved, err := s.putPost(tx, p, RevFeed, 0)
			if err != nil {
				return err
			}
			added = append(added, saved)
			read.Added++
		}
		read.Total += read.Added
		if read.Latest.Before(old.Latest) {
			read.Latest = old.Latest
		}
		return putFeedRead(tx, read)
	})
	if err != nil {
		return nil, err
	}
	return added, nil
}

// FeedFailed records a reading of a feed that failed: the error, and the
// count of failures in a row. What it gave before stays.
func (s *Store) FeedFailed(name, url string, at time.Time, reason string) error {
	return s.update(func(tx *bolt.Tx) error {
		read, err := feedRead(tx, name)
		if err != nil {
			return err
		}
		read.Name, read.URL, read.At = name, url, at
		read.Err = strings.TrimSpace(reason)
		read.Failed++
		return putFeedRead(tx, read)
	})
}

// FeedReads lists the last reading of every feed ever read, by name.
func (s *Store) FeedReads() (map[string]FeedRead, error) {
	out := map[string]FeedRead{}
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketFeeds)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			var r FeedRead
			if err := decodeJSON(v, &r); err != nil {
				return fmt.Errorf("feed %s: %w", k, err)
			}
			out[string(k)] = r
			return nil
		})
	})
	return out, err
}

func feedRead(tx *bolt.Tx, name string) (FeedRead, error) {
	var r FeedRead
	b, err := bucket(tx, bucketFeeds)
	if err != nil {
		return r, err
	}
	if v := b.Get([]byte(name)); v != nil {
		if err := decodeJSON(v, &r); err != nil {
			return r, fmt.Errorf("feed %s: %w", name, err)
		}
	}
	return r, nil
}

func putFeedRead(tx *bolt.Tx, r FeedRead) error {
	if r.Name == "" {
		return fmt.Errorf("a feed needs a name")
	}
	b, err := bucket(tx, bucketFeeds)
	if err != nil {
		return err
	}
	val, err := encodeJSON(r)
	if err != nil {
		return err
	}
	return b.Put([]byte(r.Name), val)
}
