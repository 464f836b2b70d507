package phone

import (
	"sync"
	"time"

	"crieur/message"
)

// cacheSize bounds a Cache: a handful of widths and themes of the posts
// being edited. When it is full it starts again empty.
const cacheSize = 32

// Cache keeps rendered previews keyed by the message's hash and every
// option that changes the drawing, so that a View that runs after every
// key press redraws the phone only when something it shows has changed.
// The zero Cache is ready to use and safe for concurrent use.
type Cache struct {
	mu   sync.Mutex
	last message.Message // the message hashed last, to skip hashing it again
	hash string
	out  map[cacheKey]string
}

type cacheKey struct {
	hash      string
	width     int
	dark      bool
	expanded  bool
	readMore  int
	channel   string
	followers int
	minute    int64 // the time shown, to the minute
	loc       *time.Location
	words     Words
	// The image rows are known by identity: callers keep the slice that
	// ImageBlock returned, and a new decode gives a new slice.
	image  *string
	images int
	stats  string
}

// Render is phone.Render, remembered.
func (c *Cache) Render(m message.Message, o Options) string {
	o = o.normalized()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.hash == "" || m != c.last {
		c.last, c.hash = m, m.Hash()
	}
	k := cacheKey{
		hash:      c.hash,
		width:     o.Width,
		dark:      o.Dark,
		expanded:  o.Expanded,
		readMore:  o.ReadMore,
		channel:   o.Channel,
		followers: o.Followers,
		minute:    o.Time.Unix() / 60,
		loc:       o.Loc,
		words:     o.Words,
		images:    len(o.ImageRows),
		stats:     o.Stats.key(),
	}
	if len(o.ImageRows) > 0 {
		k.image = &o.ImageRows[0]
	}
	if out, ok := c.out[k]; ok {
		return out
	}
	if c.out == nil || len(c.out) >= cacheSize {
		c.out = make(map[cacheKey]string, cacheSize)
	}
	out := Render(m, o)
	c.out[k] = out
	return out
}
