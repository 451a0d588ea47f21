export type Tone = 'ok' | 'error';

let audio: AudioContext | undefined;

/**
 * A short beep a worker hears without looking: high and brief when a scan was taken, low and
 * longer when it was refused. Synthesised with WebAudio, so no sound file is shipped.
 */
export function beep(tone: Tone): void {
  try {
    audio ??= new AudioContext();
    const oscillator = audio.createOscillator();
    const volume = audio.createGain();
    oscillator.type = tone === 'ok' ? 'sine' : 'square';
    oscillator.frequency.value = tone === 'ok' ? 1320 : 220;
    volume.gain.value = 0.15;
    oscillator.connect(volume).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + (tone === 'ok' ? 0.08 : 0.35));
  } catch {
    // no audio device (or the browser refused one): the colour and the text still tell
  }
}
