package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unsafe"
)

// Stored values start with one byte naming their encoding, so the schema
// can grow without breaking old files: a reader meets a version it does not
// know and says so instead of guessing.
const (
	encJSONv1    byte = 1 // JSON object (posts, revisions)
	encSummaryV1 byte = 2 // the compact binary summary below
)

// ErrCorrupt marks a stored value that cannot be decoded.
var ErrCorrupt = errors.New("damaged record")

func encodeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{encJSONv1}, b...), nil
}

func decodeJSON(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty value", ErrCorrupt)
	}
	if b[0] != encJSONv1 {
		return fmt.Errorf("%w: unknown encoding %d", ErrCorrupt, b[0])
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// The summary is decoded for every post when the backlog opens, so it is a
// small binary record rather than JSON: with 100,000 posts the difference
// is the cold-start budget. Layout after the version byte: status,
// category, title, key, id as length-prefixed strings; created, updated,
// slot as varint Unix nanoseconds (0 for zero); flags; problems.
func encodeSummary(s Summary) []byte {
	b := make([]byte, 0, 64+len(s.Title)+len(s.Key)+len(s.Category))
	b = append(b, encSummaryV1)
	for _, str := range []string{string(s.Status), s.Category, s.Title, s.Key, s.ID} {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	for _, t := range []time.Time{s.Created, s.Updated, s.Slot} {
		var n int64
		if !t.IsZero() {
			n = t.UnixNano()
		}
		b = binary.AppendVarint(b, n)
	}
	var flags uint64
	if s.Sample {
		flags |= 1
	}
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, uint64(max(s.Problems, 0)))
	return b
}

func decodeSummary(b []byte) (Summary, error) { return decodeSummaryIn(b, nil) }

// decodeSummaryIn decodes a summary whose strings come from the arena a
// (or are allocated one by one when a is nil).
func decodeSummaryIn(b []byte, a *arena) (Summary, error) {
	var s Summary
	if len(b) == 0 || b[0] != encSummaryV1 {
		return s, fmt.Errorf("%w: summary encoding", ErrCorrupt)
	}
	r := reader{b: b[1:], arena: a}
	s.Status = internStatus(r.bytes())
	s.Category = internCategory(r.bytes(), a)
	s.Title = r.str()
	s.Key = r.str()
	s.ID = r.str()
	s.Created = r.time()
	s.Updated = r.time()
	s.Slot = r.time()
	flags := r.uvarint()
	s.Sample = flags&1 != 0
	s.Problems = int(min(r.uvarint(), 1<<20))
	if r.err != nil {
		return Summary{}, r.err
	}
	return s, nil
}

// reader walks a binary record and remembers the first error, so a damaged
// value yields ErrCorrupt rather than a panic or a half-read record.
type reader struct {
	b     []byte
	err   error
	arena *arena
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// bytes returns the next length-prefixed field, still inside the record.
func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) str() string { return r.arena.string(r.bytes()) }

// arena hands out the strings of many summaries from a few large blocks.
// The backlog loads every summary when the desk opens: with 100,000 posts
// that is half a million strings, and allocating them one by one is most
// of the cold start. Bytes already handed out are never written again, so
// the strings stay immutable.
type arena struct{ buf []byte }

const arenaBlock = 256 << 10

func (a *arena) string(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if a == nil {
		return string(b)
	}
	if len(b) > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(arenaBlock, len(b)))
	}
	start := len(a.buf)
	a.buf = append(a.buf, b...)
	return unsafe.String(&a.buf[start], len(b))
}

// internStatus and internCategory share the few values every summary
// repeats instead of storing them once per post.
func internStatus(b []byte) Status {
	for _, s := range Statuses {
		if string(b) == string(s) {
			return s
		}
	}
	return Status(b)
}

func internCategory(b []byte, a *arena) string {
	for _, c := range Categories {
		if string(b) == c {
			return c
		}
	}
	return a.string(b)
}

func (r *reader) time() time.Time {
	if r.err != nil {
		return time.Time{}
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return time.Time{}
	}
	r.b = r.b[n:]
	if v == 0 {
		return time.Time{}
	}
	return time.Unix(0, v)
}

func u64key(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
