import { AuthSession } from './auth-session.entity';
import { Invitation } from './invitation.entity';
import { RefreshToken } from './refresh-token.entity';

export { AuthSession, Invitation, RefreshToken };
export const AUTH_ENTITIES = [AuthSession, RefreshToken, Invitation];
