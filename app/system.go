package app

// System answers questions about the running app itself.
type System struct {
	app     *App
	info    SystemInfo
	onReady func(ReadyReport)
}

// SystemInfo says which build is running, how, and on which database.
type SystemInfo struct {
	Version  string `json:"version"`
	Mode     Mode   `json:"mode"`
	Database string `json:"database"`
}

// ReadyReport is what the UI says once its first screen is drawn.
type ReadyReport struct {
	Screen   string `json:"screen"`
	Contacts int    `json:"contacts"` // how many contacts the first list load returned in all
}

// Info returns the SystemInfo.
func (s *System) Info() SystemInfo { return s.info }

// Ready is called by the UI once its first screen has loaded data from Go:
// proof that both directions of the bridge work.
func (s *System) Ready(r ReadyReport) {
	s.app.log.Info("ui ready", "screen", r.Screen, "contacts", r.Contacts)
	if s.onReady != nil {
		s.onReady(r)
	}
}
