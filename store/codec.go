package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
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

func decodeSummary(b []byte) (Summary, error) {
	var s Summary
	if len(b) == 0 || b[0] != encSummaryV1 {
		return s, fmt.Errorf("%w: summary encoding", ErrCorrupt)
	}
	r := reader{b: b[1:]}
	s.Status = Status(r.str())
	s.Category = r.str()
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
	b   []byte
	err error
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

func (r *reader) str() string {
	n := r.uvarint()
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)) {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
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
