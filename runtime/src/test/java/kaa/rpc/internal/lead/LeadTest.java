package kaa.rpc.internal.lead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The lead's state machine, transition by transition. */
class LeadTest {
  private final Thread me = Thread.currentThread();
  private final Thread other = new Thread(() -> {});

  @Test
  void aFreeLeadIsTakenOnceAndIsTheEventLoopOnlyForItsLeaderInLoopMode() {
    Lead lead = new Lead();
    assertTrue(lead.isFree());
    assertTrue(lead.tryAcquire(me));
    assertFalse(lead.tryAcquire(other));
    assertEquals(Lead.LOOP, Lead.mode(lead.word()));
    assertTrue(lead.isLoopLeader(me));
    assertFalse(lead.isLoopLeader(other));
    lead.release();
    assertTrue(lead.isFree());
    assertFalse(lead.isLoopLeader(me));
  }

  @Test
  void userCodeIsNotTheEventLoopAndGoesBackToLoopModeIfNotRevoked() {
    Lead lead = new Lead();
    lead.tryAcquire(me);
    long user = lead.enterUser();
    assertEquals(Lead.USER, Lead.mode(lead.word()));
    assertFalse(lead.isLoopLeader(me));
    assertTrue(lead.isLeader(me));
    assertTrue(lead.exitUser(user));
    assertTrue(lead.isLoopLeader(me));
  }

  @Test
  void aRevokedLeaderCannotComeBackEvenIfTheLeadIsUserModeAgainForAnother() {
    Lead lead = new Lead();
    lead.tryAcquire(me);
    long mine = lead.enterUser();
    assertTrue(lead.revoke(mine));
    assertFalse(lead.revoke(mine)); // once
    assertTrue(lead.isFree());
    assertTrue(lead.tryAcquire(other));
    long theirs = lead.enterUser();
    assertFalse(lead.exitUser(mine)); // the generation moved on: not mine
    assertFalse(lead.isLeader(me));
    assertTrue(lead.exitUser(theirs));
    assertTrue(lead.isLoopLeader(other));
  }

  @Test
  void loopModeIsNeverRevoked() {
    Lead lead = new Lead();
    lead.tryAcquire(me);
    assertFalse(lead.revoke(lead.word()));
    assertTrue(lead.isLoopLeader(me));
  }
}
