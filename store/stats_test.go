package store

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

func TestStatsKeptPerPost(t *testing.T) {
	st, c := openTemp(t)
	a := mustSave(t, st, Post{Title: "a", Status: StatusDraft})
	b := mustSave(t, st, Post{Title: "b", Status: StatusDraft})
	if all, err := st.AllStats(); err != nil || len(all) != 0 {
		t.Fatalf("stats of a new file: %v %v", err, all)
	}
	one := PostStats{Views: 120, Reactions: map[string]int{"👍": 4, "❤️": 2}, At: c.now()}
	if err := st.SetStats(a.ID, one); err != nil {
		t.Fatal(err)
	}
	two := PostStats{Views: 3, At: c.now()}
	if err := st.SetAllStats(map[string]PostStats{b.ID: two, "gone": {Views: 9}}); err != nil {
		t.Fatal(err)
	}
	all, err := st.AllStats()
	if err != nil || len(all) != 2 || !reflect.DeepEqual(all[a.ID].Reactions, one.Reactions) || all[a.ID].Views != 120 ||
		!all[a.ID].At.Equal(c.now()) || all[b.ID].Views != 3 {
		t.Fatalf("all stats: %v %+v", err, all)
	}
	// A new reading replaces the old.
	c.advance(time.Hour)
	st.SetStats(a.ID, PostStats{Views: 200, At: c.now()})
	got, ok, err := st.PostStats(a.ID)
	if err != nil || !ok || got.Views != 200 || got.Reactions != nil {
		t.Fatalf("post stats: %v %v %+v", err, ok, got)
	}
	if _, ok, err := st.PostStats("gone"); ok || err != nil {
		t.Errorf("stats of a post that does not exist: %v %v", ok, err)
	}
}

func TestStatsAdd(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var sum PostStats
	sum.Add(PostStats{Views: 10, Reactions: map[string]int{"👍": 1}, At: at})
	sum.Add(PostStats{Views: 5, Reactions: map[string]int{"👍": 2, "🎉": 1}, At: at.Add(time.Minute)})
	if sum.Views != 15 || sum.Reactions["👍"] != 3 || sum.Reactions["🎉"] != 1 || !sum.At.Equal(at.Add(time.Minute)) {
		t.Errorf("sum %+v", sum)
	}
}

// A file made before the stats existed gets their bucket when opened.
func TestStatsBucketAddedToOlderFiles(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := mustSave(t, st, Post{Title: "a", Status: StatusDraft})
	err = st.db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketStats); err != nil {
			return err
		}
		return tx.DeleteBucket(bucketThumbs)
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.SetStats(p.ID, PostStats{Views: 1}); err != nil {
		t.Fatalf("stats in an older file: %v", err)
	}
}

func TestDeleteSamplesDropsTheirStats(t *testing.T) {
	st, _ := openTemp(t)
	p := mustSave(t, st, Post{Title: "sample", Status: StatusDraft, Sample: true})
	st.SetStats(p.ID, PostStats{Views: 4})
	if _, err := st.DeleteSamples(); err != nil {
		t.Fatal(err)
	}
	if all, _ := st.AllStats(); len(all) != 0 {
		t.Errorf("stats left behind: %+v", all)
	}
}
