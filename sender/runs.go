package sender

import (
	"context"
	"sync"
)

// Runs lets one sending run go at a time in a process, whatever asks for
// it: the desk's start, its tick, a send now, an urgent send, a channel
// just chosen, the network back. Two runs side by side would each begin
// by recovering the sends found in "sending", and the second would turn
// the first one's delivery under way into unknown, losing the answer the
// destination is about to give.
//
// A request made while a run is under way joins the run that follows it:
// one more run, shared by every request made meanwhile, starts as soon as
// the one under way ends, with the dispatcher of the latest request (the
// settings may have changed). It is that run, not the one under way, that
// a request joins, because a request often follows a change the run under
// way has already read past: a send just queued, a destination just
// chosen.
//
// The zero value is ready to use. Dispatchers made again after the
// settings change share one Runs (Dispatcher.Runs); a Dispatcher without
// one keeps its own.
type Runs struct {
	mu      sync.Mutex
	running bool
	next    *flight // the run to follow the one under way, once asked for
}

// flight is one run and the requests waiting for its report.
type flight struct {
	ctx    context.Context
	d      *Dispatcher
	done   chan struct{}
	report Report
	err    error
}

// do runs d's due sends now, or joins the run that follows the one under
// way. A request whose context ends while it waits returns at once; the
// run it joined goes on for the others.
func (r *Runs) do(ctx context.Context, d *Dispatcher) (Report, error) {
	r.mu.Lock()
	if !r.running {
		r.running = true
		r.mu.Unlock()
		report, err := d.run(ctx, false)
		r.finished()
		return report, err
	}
	f := r.next
	if f == nil {
		// The run that follows keeps going for every request that joins
		// it, even if this one stops waiting.
		f = &flight{ctx: context.WithoutCancel(ctx), done: make(chan struct{})}
		r.next = f
	}
	f.d = d
	r.mu.Unlock()
	select {
	case <-f.done:
		return f.report, f.err
	case <-ctx.Done():
		return Report{}, ctx.Err()
	}
}

// finished ends the run under way and starts the one that follows, if a
// request asked for it.
func (r *Runs) finished() {
	r.mu.Lock()
	defer r.mu.Unlock()
	f := r.next
	if f == nil {
		r.running = false
		return
	}
	r.next = nil
	go func() {
		f.report, f.err = f.d.run(f.ctx, false)
		// The run is over before its requests hear of it: one that
		// returns never finds it still under way.
		r.finished()
		close(f.done)
	}()
}

// Busy reports whether a run is under way.
func (r *Runs) Busy() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.running
}
