package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many daily backups are kept beside the data file.
const KeepBackups = 7

// BackupDir is the folder beside the data file that holds its backups.
func (s *Store) BackupDir() string { return BackupDirFor(s.path) }

// BackupDirFor is the backups folder of the data file at path, for the
// messages that name it when the file cannot be opened.
func BackupDirFor(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// Backup writes a consistent copy of the file to path, taken inside a read
// transaction while the desk keeps working. The copy is written beside its
// destination, synced, and renamed into place, so a half-written backup
// never carries the final name.
func (s *Store) Backup(path string) error {
	if sameFile(path, s.path) {
		return fmt.Errorf("backup to %s: that is the data file itself", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("backup folder: %w", err)
	}
	tmp := path + ".part"
	err := s.view(func(tx *bolt.Tx) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		if _, err := tx.WriteTo(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Sync(); err != nil {
			f.Close()
			return err
		}
		return f.Close()
	})
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// DailyBackup makes today's backup in BackupDir if there is none yet, and
// keeps the last KeepBackups. It returns the path written, or "" when
// today's backup already existed.
func (s *Store) DailyBackup() (string, error) {
	dir := s.BackupDir()
	name := filepath.Join(dir, "crieur-"+s.now().Format("2006-01-02")+".db")
	if _, err := os.Stat(name); err == nil {
		return "", nil
	}
	if err := s.Backup(name); err != nil {
		return "", err
	}
	return name, pruneBackups(dir)
}

func pruneBackups(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var daily []string
	for _, e := range entries {
		n := e.Name()
		// Only the daily ones (crieur-YYYY-MM-DD.db) rotate; backups made
		// on demand stay until a person removes them.
		if strings.HasPrefix(n, "crieur-") && strings.HasSuffix(n, ".db") && len(n) == len("crieur-2006-01-02.db") {
			daily = append(daily, n)
		}
	}
	sort.Strings(daily)
	for len(daily) > KeepBackups {
		if err := os.Remove(filepath.Join(dir, daily[0])); err != nil {
			return err
		}
		daily = daily[1:]
	}
	return nil
}
