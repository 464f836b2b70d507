package store

import (
	"strings"

	bolt "go.etcd.io/bbolt"
)

// Duplicate copies a post as a new draft, for a topic that comes back
// (the waste collection, the Christmas market): its title, text, link,
// category, image and notes; not its status, validation, slot, card or
// history. The copy's title says it is one.
func (s *Store) Duplicate(id, author, suffix string) (Post, error) {
	var saved Post
	err := s.update(func(tx *bolt.Tx) error {
		p, err := getPost(tx, id)
		if err != nil {
			return err
		}
		title := strings.TrimSpace(p.Title)
		if suffix != "" {
			title += suffix
		}
		c := Post{
			ID: NewID(s.now()), Title: title, Body: p.Body, Link: p.Link, Category: p.Category,
			Image: p.Image, Alt: p.Alt, Notes: p.Notes, Author: author, Status: StatusDraft,
		}
		s.recount(&c)
		saved, err = s.putPost(tx, c, RevSave, 0)
		return err
	})
	return saved, err
}
