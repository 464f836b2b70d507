package serve

import (
	"fmt"
	"os"
	"sync"
	"time"
)

// connLog is the team desk's log beside the data file: each connection,
// who, from where and when, each refusal and what the server did on its
// own. Owner-only, appended to, one line an event.
type connLog struct {
	mu  sync.Mutex
	f   *os.File
	now func() time.Time
}

func openLog(path string, now func() time.Time) (*connLog, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("team desk log: %w", err)
	}
	return &connLog{f: f, now: now}, nil
}

func (l *connLog) printf(format string, a ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return
	}
	line := oneLine(fmt.Sprintf(format, a...))
	fmt.Fprintf(l.f, "%s %s\n", l.now().Format(time.RFC3339), line)
}

func (l *connLog) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := l.f.Close()
	l.f = nil
	return err
}
