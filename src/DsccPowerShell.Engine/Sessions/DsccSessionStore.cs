using System.Collections.Generic;

namespace DsccPowerShell.Engine.Sessions
{
    /// <summary>
    /// The sessions open in this process and which one is the default. Shared by every runspace, so a session
    /// made in one can be used from thread jobs and parallel loops.
    /// </summary>
    public static class DsccSessionStore
    {
        private static readonly object Gate = new object();
        private static readonly List<DsccSession> Sessions = new List<DsccSession>();
        private static DsccSession _default;
        private static int _lastSessionId;

        /// <summary>Gets the default session, or null when not connected.</summary>
        public static DsccSession Default
        {
            get
            {
                lock (Gate)
                {
                    return _default;
                }
            }
        }

        /// <summary>Gets the open sessions, oldest first.</summary>
        public static IReadOnlyList<DsccSession> All
        {
            get
            {
                lock (Gate)
                {
                    return Sessions.ToArray();
                }
            }
        }

        /// <summary>Numbers a session, adds it and makes it the default.</summary>
        public static void AddAsDefault(DsccSession session)
        {
            lock (Gate)
            {
                session.Id = ++_lastSessionId;
                Sessions.Add(session);
                _default = session;
            }
        }

        /// <summary>
        /// Removes and disposes a session. Removing the default leaves no default: silently switching a script
        /// to another tenant's session would be worse than an error asking it to connect.
        /// </summary>
        /// <returns>False when the session was not open.</returns>
        public static bool Remove(DsccSession session)
        {
            lock (Gate)
            {
                if (!Sessions.Remove(session))
                {
                    return false;
                }

                if (ReferenceEquals(_default, session))
                {
                    _default = null;
                }
            }

            session.Dispose();
            return true;
        }
    }
}
