package store

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"
)

// Kinds of stored value, for FuzzDecodeStored: the first byte of an input
// picks the decoder, modulo their number.
const (
	storedPost     = iota // posts and working copies
	storedRevision        // revisions
	storedSend            // the send log
	storedEvent           // validation events
	storedSummary         // the backlog's summaries
	storedStats           // what followers did with a post
	storedKinds
)

// FuzzDecodeStored reads arbitrary bytes as each kind of value the data
// file holds, as a damaged disk would hand them over. A decoder answers
// ErrCorrupt or a value, never panics; a value it accepts encodes, and
// decodes again to the same bytes; and what the backlog reads of a post
// (its summary, its search key, its status) agrees with the post.
func FuzzDecodeStored(f *testing.F) {
	f.Fuzz(func(t *testing.T, kind byte, b []byte) {
		switch kind % storedKinds {
		case storedPost:
			var p Post
			if stable(t, b, &p, func() any { return new(Post) }) {
				checkPostSummary(t, p)
			}
		case storedRevision:
			var r Revision
			if stable(t, b, &r, func() any { return new(Revision) }) {
				checkPostSummary(t, r.Post)
			}
		case storedSend:
			var snd Send
			if stable(t, b, &snd, func() any { return new(Send) }) {
				if last := snd.Last(); (last == nil) != (len(snd.Attempts) == 0) {
					t.Fatalf("send %+v: last attempt %v", snd, last)
				}
			}
		case storedEvent:
			var e Event
			stable(t, b, &e, func() any { return new(Event) })
		case storedStats:
			var st PostStats
			stable(t, b, &st, func() any { return new(PostStats) })
		case storedSummary:
			s, key, err := decodeSummaryIn(b, &arena{})
			status, statusErr := summaryStatus(b)
			if err != nil {
				if !errors.Is(err, ErrCorrupt) {
					t.Fatalf("summary error %v does not wrap ErrCorrupt", err)
				}
				return
			}
			if statusErr != nil || status != s.Status() {
				t.Fatalf("summaryStatus = %q, %v; the summary says %q", status, statusErr, s.Status())
			}
			if n := summaryKeyLen(b); n != len(key) {
				t.Fatalf("summaryKeyLen = %d, the key is %d bytes", n, len(key))
			}
		}
	})
}

// stable decodes b into v. It reports whether b was accepted, after
// checking that an error wraps ErrCorrupt and that an accepted value
// encodes to bytes that decode (into a fresh value) and encode the same.
func stable(t *testing.T, b []byte, v any, fresh func() any) bool {
	t.Helper()
	if err := decodeJSON(b, v); err != nil {
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("error %v does not wrap ErrCorrupt", err)
		}
		return false
	}
	once, err := encodeJSON(v)
	if err != nil {
		t.Fatalf("a decoded %T does not encode: %v", v, err)
	}
	again := fresh()
	if err := decodeJSON(once, again); err != nil {
		t.Fatalf("a re-encoded %T does not decode: %v\n%s", v, err, once)
	}
	twice, err := encodeJSON(again)
	if err != nil {
		t.Fatalf("encode %T again: %v", v, err)
	}
	if !bytes.Equal(once, twice) {
		t.Fatalf("%T changed on the way:\n%s\n%s", v, once, twice)
	}
	return true
}

// checkPostSummary checks what putPost would write for p into the
// backlog: its summary reads back whole, and the shortcuts the backlog
// takes over it (the key's length, the status alone) agree.
func checkPostSummary(t *testing.T, p Post) {
	t.Helper()
	// The backlog keeps times as Unix nanoseconds, which reach from 1678
	// to 2262; the import refuses dates outside, only a damaged value
	// holds one.
	for _, tm := range []time.Time{p.Created, p.Updated, p.PlannedFor()} {
		if !tm.IsZero() && (tm.Year() < 1678 || tm.Year() > 2261) {
			return
		}
	}
	want, key := p.Summary(), p.SearchKey()
	want.Problems = min(want.Problems, 1<<20) // the most a summary reads back
	if bytes.IndexByte([]byte(key), 0) >= 0 {
		t.Fatalf("search key %q holds a zero byte", key)
	}
	enc := encodeSummary(want, key)
	got, gotKey, err := decodeSummary(enc)
	if err != nil {
		t.Fatalf("the summary of a stored post does not decode: %v", err)
	}
	if got != want || gotKey != key {
		t.Fatalf("the summary changed on the way:\n%s\n%s", show(want, key), show(got, gotKey))
	}
	if n := summaryKeyLen(enc); n != len(key) {
		t.Fatalf("summaryKeyLen = %d, the key is %d bytes", n, len(key))
	}
	if st, err := summaryStatus(enc); err != nil || st != p.Status {
		t.Fatalf("summaryStatus = %q, %v; the post is %q", st, err, p.Status)
	}
}

func show(s Summary, key string) string { return fmt.Sprintf("%+v key %q", s, key) }
