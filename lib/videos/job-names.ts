/** Job names shared by producers and the catalog, without importing the handlers. */
export const PROCESS_VIDEO_JOB = "video.process";
export const SWEEP_VIDEOS_JOB = "video.sweep";
